package dev.weft.pipelines.nodes.media;

import dev.weft.assets.media.MediaException;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.nodes.NodeContext;

/** Turns the assets module's media errors into located errors with a fix. */
final class MediaErrors {
  private MediaErrors() {}

  /** An error about a file a parameter names. */
  static WeftException forParam(NodeContext context, String param, MediaException e) {
    return new WeftException(
        e.getMessage(),
        dev.weft.pipelines.Location.node(context.node().id(), context.node().displayTitle())
            .withParam(param),
        hint(e),
        e);
  }

  /** An error about a value that arrived on a wire or is being written. */
  static WeftException forNode(NodeContext context, MediaException e) {
    return new WeftException(
        e.getMessage(),
        dev.weft.pipelines.Location.node(context.node().id(), context.node().displayTitle()),
        hint(e),
        e);
  }

  static String hint(MediaException e) {
    return switch (e.reason()) {
      case TRUNCATED -> "the file is incomplete; copy or download it again";
      case CORRUPT -> "the file is damaged or not what its name says; open it in another program";
      case MISLABELLED -> "rename the file so its extension matches its content";
      case UNSUPPORTED -> "convert the file to a supported format (PNG, JPEG, WAV, FLAC, MP4)";
      case NO_STREAM -> "choose a file that holds the kind of media this node needs";
      case TOO_LARGE -> "use a smaller file, or scale it down first";
      case TIMED_OUT -> "the file may be broken; try another copy";
      case WRITE_FAILED -> "check that the output folder is writable and the disk has space";
    };
  }
}
