package dev.weft.pipelines.settings;

import java.util.Optional;

/**
 * Keeps API keys by id ({@code dashscope}, {@code openai:<endpoint>}). Implementations: the OS
 * keychain, an owner-only file, the environment (read-only) and memory (tests).
 */
public interface SecretStore {

  /** Where the secrets live, for the settings screen, e.g. "OS keychain". Never a secret. */
  String describe();

  Optional<String> get(String id);

  /** Whether {@link #put} and {@link #remove} work. */
  boolean writable();

  void put(String id, String secret);

  void remove(String id);
}
