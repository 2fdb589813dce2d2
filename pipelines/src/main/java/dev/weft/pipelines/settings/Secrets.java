package dev.weft.pipelines.settings;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds API keys: the environment first (an explicit {@code DASHSCOPE_API_KEY} wins for the process
 * it was set for), then the OS keychain, then the owner-only file. New keys go to the keychain when
 * there is one, else to the file.
 */
public final class Secrets {
  /** The secret id of the DashScope key. */
  public static final String DASHSCOPE = "dashscope";

  /** The secret id of the general OpenAI key ({@code OPENAI_API_KEY}). */
  public static final String OPENAI = "openai";

  private static final Pattern ID =
      Pattern.compile("[a-z0-9][a-z0-9:._ -]{0,127}", Pattern.CASE_INSENSITIVE);

  private final List<SecretStore> readOrder;
  private final List<SecretStore> writeCandidates;

  /**
   * @param readOrder stores asked in turn
   * @param writeTo the store new keys go to (must be writable)
   */
  public Secrets(List<SecretStore> readOrder, SecretStore writeTo) {
    this(readOrder, List.of(writeTo));
  }

  /**
   * @param readOrder stores asked in turn
   * @param writeCandidates stores tried in turn for new keys; the first writable one takes them (a
   *     keychain that turns out to be missing is skipped)
   */
  public Secrets(List<SecretStore> readOrder, List<SecretStore> writeCandidates) {
    this.readOrder = List.copyOf(readOrder);
    this.writeCandidates = List.copyOf(writeCandidates);
    if (this.writeCandidates.isEmpty()) {
      throw new IllegalArgumentException("no store can take new keys");
    }
  }

  /** The usual chain for this machine: environment, keychain if any, then the file. */
  public static Secrets standard(
      Map<String, String> env, PlatformDirs dirs, Optional<? extends SecretStore> keychain) {
    SecretStore envStore = new EnvSecretStore(env);
    SecretStore file = new FileSecretStore(dirs.config().resolve(FileSecretStore.FILE_NAME));
    if (keychain.isPresent()) {
      return new Secrets(List.of(envStore, keychain.get(), file), List.of(keychain.get(), file));
    }
    return new Secrets(List.of(envStore, file), file);
  }

  /** Only memory: for tests. */
  public static Secrets inMemory(Map<String, String> initial) {
    InMemorySecretStore m = new InMemorySecretStore(initial);
    return new Secrets(List.of(m), m);
  }

  /** A key found, and where it was found (for the settings screen; never log the value). */
  public record Found(String value, String source) {
    @Override
    public String toString() {
      return "secret from " + source; // never the value, even by accident
    }
  }

  public Optional<Found> find(String id) {
    for (SecretStore s : readOrder) {
      Optional<String> v = s.get(id);
      if (v.isPresent() && !v.get().isBlank()) {
        return Optional.of(new Found(v.get(), s.describe()));
      }
    }
    return Optional.empty();
  }

  public Optional<String> get(String id) {
    return find(id).map(Found::value);
  }

  /** Where new keys are stored, e.g. "OS keychain". */
  public String storage() {
    return writeTo().describe();
  }

  public void put(String id, String secret) {
    writeTo().put(id, secret);
  }

  private SecretStore writeTo() {
    for (SecretStore s : writeCandidates) {
      if (s.writable()) {
        return s;
      }
    }
    throw new IllegalStateException("none of the secret stores can take new keys");
  }

  /** Removes a key from every writable store (the environment cannot be changed from here). */
  public void remove(String id) {
    for (SecretStore s : readOrder) {
      if (s.writable()) {
        s.remove(id);
      }
    }
  }

  /** The key for DashScope, or an error that says how to set one. */
  public String requireDashScopeKey() {
    return get(DASHSCOPE)
        .orElseThrow(() ->
            new WeftException(
                "no DashScope API key is set",
                Location.of("DashScope"),
                "enter it in Settings > Cloud, or set DASHSCOPE_API_KEY",
                null));
  }

  /** The key for an endpoint, if it names one and the key is set. */
  public Optional<String> keyFor(OpenAiEndpoint endpoint) {
    return endpoint.keyRef() == null ? Optional.empty() : get(endpoint.keyRef());
  }

  static void checkSecret(String id, String secret) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("bad secret id \"" + id + "\"");
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the key for \"" + id + "\" is empty");
    }
    if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "the key for \"" + id + "\" contains control characters (a pasted line break?)");
    }
  }
}
