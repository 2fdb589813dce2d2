package dev.weft.app.screenshot;

import dev.weft.pipelines.cli.CliEnvironment;
import dev.weft.pipelines.cli.CommandProvider;

/** Adds {@code weft screenshot} to the command line. */
public final class ScreenshotCommandProvider implements CommandProvider {
  @Override
  public String name() {
    return "screenshot";
  }

  @Override
  public Object create(CliEnvironment environment) {
    return new ScreenshotCommand(environment);
  }
}
