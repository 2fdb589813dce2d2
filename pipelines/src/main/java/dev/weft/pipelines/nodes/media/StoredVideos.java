package dev.weft.pipelines.nodes.media;

import dev.weft.assets.VideoAsset;
import dev.weft.assets.video.VideoFiles;
import dev.weft.pipelines.nodes.NodeContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where nodes that make videos write them: a scratch file, then the asset store, so the value that
 * leaves the node points at the store's copy and the scratch file can go.
 */
final class StoredVideos {
  private StoredVideos() {}

  /** A scratch folder for one node's work; delete it with {@link #cleanUp}. */
  static Path scratch() throws IOException {
    return Files.createTempDirectory("weft-video-");
  }

  /** Describes the finished file, moves it into the store and returns the stored asset. */
  static VideoAsset store(NodeContext context, Path file) throws IOException {
    VideoAsset made = VideoFiles.open(file);
    context.store().put(made, context.provenance());
    return context.store().fileOf(made.hash()).map(made::movedTo).orElse(made);
  }

  static void cleanUp(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }
}
