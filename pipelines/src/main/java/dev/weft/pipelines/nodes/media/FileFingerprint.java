package dev.weft.pipelines.nodes.media;

import dev.weft.pipelines.graph.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A cheap fingerprint of a file a node reads (absolute path, size, modification time), so that
 * editing the file on disk invalidates the node's cached result.
 */
final class FileFingerprint {
  private FileFingerprint() {}

  static String of(Params params, String param, Path pipelineDir) {
    Object v = params.get(param).orElse("");
    if (!(v instanceof String s) || s.isBlank()) {
      return "";
    }
    Path file = pipelineDir.resolve(s).toAbsolutePath().normalize();
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return file + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return file + "|missing";
    }
  }
}
