package dev.weft.assets.bench;

import java.nio.file.Path;

/** Video encode and frame-extraction figures. */
final class VideoBenchmarks {
  private VideoBenchmarks() {}

  static void encode(Path dir) {}

  static void frames(Path dir) {}
}
