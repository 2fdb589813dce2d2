package dev.weft.nativelibs.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds external test fixtures (models fetched by {@code .ci/fetch-test-models}, tools such as
 * espeak-ng). When one is missing a test fails under CI and is skipped elsewhere, with the fix.
 */
public final class TestFixtures {
  private TestFixtures() {}

  /** The repository root: the nearest folder upwards that holds {@code mvnw}. */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** A file under {@code .cache/test-models}, or a failure (CI) or skip (elsewhere). */
  public static Path testModel(String relative) {
    Path f = repoRoot().resolve(".cache/test-models").resolve(relative);
    require(Files.isRegularFile(f), f + " is missing; run .ci/fetch-test-models");
    return f;
  }

  /** A program on the PATH, or a failure (CI) or skip (elsewhere). */
  public static Path tool(String name, String aptPackage) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    require(false, name + " is not installed; run: apt-get install " + aptPackage);
    return null;
  }

  public static void require(boolean present, String message) {
    if (present) {
      return;
    }
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
      fail("test fixture missing under CI: " + message);
    }
    assumeTrue(false, message);
  }
}
