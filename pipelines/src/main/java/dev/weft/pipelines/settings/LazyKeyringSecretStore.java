package dev.weft.pipelines.settings;

import java.util.Optional;

/**
 * The OS keychain, opened on first use rather than at start-up, so that commands which never touch
 * a key never wait on D-Bus. Where there is no keychain it holds nothing and takes nothing.
 */
public final class LazyKeyringSecretStore implements SecretStore, AutoCloseable {
  private Optional<KeyringSecretStore> keyring;

  private synchronized Optional<KeyringSecretStore> keyring() {
    if (keyring == null) {
      keyring = KeyringSecretStore.open();
    }
    return keyring;
  }

  @Override
  public String describe() {
    return "OS keychain";
  }

  @Override
  public Optional<String> get(String id) {
    return keyring().flatMap(k -> k.get(id));
  }

  @Override
  public boolean writable() {
    return keyring().isPresent();
  }

  @Override
  public void put(String id, String secret) {
    keyring()
        .orElseThrow(() -> new IllegalStateException("this machine has no OS keychain"))
        .put(id, secret);
  }

  @Override
  public void remove(String id) {
    keyring().ifPresent(k -> k.remove(id));
  }

  @Override
  public synchronized void close() {
    if (keyring != null) {
      keyring.ifPresent(KeyringSecretStore::close);
    }
  }
}
