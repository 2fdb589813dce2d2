package dev.weft.pipelines.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the test fixtures that live outside the build: the repository root, the downloads of {@code
 * .ci/fetch-test-models}, and command-line tools such as espeak-ng and sox. A missing fixture fails
 * the test on CI (the environment variable CI is set) and skips it elsewhere, with a message naming
 * the fix.
 */
public final class TestFixtures {
  private TestFixtures() {}

  /** The folder holding {@code mvnw}, found by walking up from the working directory. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** {@code .cache/test-models/<relative>}, required to exist. */
  public static Path testModel(String relative) {
    Path p = repoRoot().resolve(".cache/test-models").resolve(relative);
    require(Files.exists(p), p + " is missing; run .ci/fetch-test-models");
    return p;
  }

  /** Requires a program on the PATH (e.g. espeak-ng), installed by .ci/run's apt list. */
  public static void requireTool(String program) {
    require(
        onPath(program),
        program + " is not installed; run .ci/run (or apt-get install " + program + ")");
  }

  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static void require(boolean present, String message) {
    if (present) {
      return;
    }
    if (System.getenv("CI") != null) {
      fail(message);
    }
    assumeTrue(false, message);
  }

  /** Runs a command, failing with its error output when it exits non-zero; returns stdout. */
  public static String run(List<String> command, Path workDir)
      throws IOException, InterruptedException {
    Path errors = Files.createTempFile(workDir, "stderr", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
            .start();
    p.getOutputStream().close();
    String out;
    try (var stdout = p.getInputStream()) {
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
    }
    int code = p.waitFor();
    String err = Files.readString(errors, StandardCharsets.UTF_8);
    Files.deleteIfExists(errors);
    if (code != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + code + ": " + err);
    }
    return out;
  }
}
