package dev.weft.pipelines.settings;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on
 * Linux) through java-keyring. A headless machine has none: {@link #open()} is then empty.
 */
public final class KeyringSecretStore implements SecretStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyringSecretStore.class);
  static final String SERVICE = "Weft Studio";

  private final Keyring keyring;

  private KeyringSecretStore(Keyring keyring) {
    this.keyring = keyring;
  }

  /** The OS keychain, or empty when this machine has no usable backend. */
  public static Optional<KeyringSecretStore> open() {
    try {
      return Optional.of(new KeyringSecretStore(Keyring.create()));
    } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
      // no D-Bus session, no Secret Service, or no native library: the file store takes over
      LOG.info("no OS keychain available ({}); API keys go to an owner-only file", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public String describe() {
    return "OS keychain";
  }

  @Override
  public Optional<String> get(String id) {
    try {
      return Optional.ofNullable(keyring.getPassword(SERVICE, id));
    } catch (PasswordAccessException e) {
      // java-keyring reports "no such entry" this way too
      LOG.debug("keychain has no entry {}: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public void put(String id, String secret) {
    Secrets.checkSecret(id, secret);
    try {
      keyring.setPassword(SERVICE, id, secret);
    } catch (PasswordAccessException e) {
      throw new WeftException(
          "the OS keychain refused to store the key \"" + id + "\": " + e.getMessage(),
          Location.of("OS keychain"),
          "unlock the keychain and try again",
          e);
    }
  }

  @Override
  public void remove(String id) {
    try {
      keyring.deletePassword(SERVICE, id);
    } catch (PasswordAccessException e) {
      LOG.debug("keychain had no entry {} to remove: {}", id, e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      keyring.close();
    } catch (Exception e) {
      LOG.debug("closing the keychain connection failed: {}", e.getMessage());
    }
  }
}
