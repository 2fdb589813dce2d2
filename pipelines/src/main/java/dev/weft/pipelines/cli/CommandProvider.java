package dev.weft.pipelines.cli;

/**
 * Adds a sub-command to `weft` (for example `weft transcribe` from the Fun-ASR family or `weft
 * models` from the model manager). Found through {@link java.util.ServiceLoader}; the returned
 * object is a picocli {@code @Command} that may declare a {@code CliEnvironment} field injected
 * through its constructor.
 */
public interface CommandProvider {

  /** The sub-command's name, e.g. "transcribe". */
  String name();

  /** A new picocli command object for one invocation. */
  Object create(CliEnvironment environment);
}
