package dev.weft.pipelines.settings;

import java.util.Map;
import java.util.Optional;

/**
 * Keys from environment variables: {@code DASHSCOPE_API_KEY} for the secret {@code dashscope},
 * {@code OPENAI_API_KEY} for {@code openai}. Read-only.
 */
public final class EnvSecretStore implements SecretStore {
  /** Which variable holds which secret id. */
  public static final Map<String, String> VARIABLES =
      Map.of(Secrets.DASHSCOPE, "DASHSCOPE_API_KEY", Secrets.OPENAI, "OPENAI_API_KEY");

  private final Map<String, String> env;

  public EnvSecretStore(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String describe() {
    return "environment";
  }

  /** The variable a secret id is read from, if any. */
  public static Optional<String> variableFor(String id) {
    return Optional.ofNullable(VARIABLES.get(id));
  }

  @Override
  public Optional<String> get(String id) {
    return variableFor(id).map(env::get).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public void put(String id, String secret) {
    throw new UnsupportedOperationException("environment variables cannot be written");
  }

  @Override
  public void remove(String id) {
    throw new UnsupportedOperationException("environment variables cannot be removed");
  }
}
