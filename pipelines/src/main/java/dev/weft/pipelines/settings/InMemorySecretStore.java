package dev.weft.pipelines.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets held in memory only: a fake for tests, and a "do not remember" session store. */
public final class InMemorySecretStore implements SecretStore {
  private final Map<String, String> secrets = new ConcurrentHashMap<>();

  public InMemorySecretStore() {}

  public InMemorySecretStore(Map<String, String> initial) {
    secrets.putAll(initial);
  }

  @Override
  public String describe() {
    return "memory (not saved)";
  }

  @Override
  public Optional<String> get(String id) {
    return Optional.ofNullable(secrets.get(id));
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public void put(String id, String secret) {
    Secrets.checkSecret(id, secret);
    secrets.put(id, secret);
  }

  @Override
  public void remove(String id) {
    secrets.remove(id);
  }
}
