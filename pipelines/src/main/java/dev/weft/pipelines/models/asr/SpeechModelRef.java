package dev.weft.pipelines.models.asr;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.models.catalog.CatalogEntry;
import dev.weft.pipelines.models.catalog.InstalledModel;
import dev.weft.pipelines.models.catalog.ModelFile;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import dev.weft.pipelines.models.catalog.ModelStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a model parameter names: a model of the catalog (by id, found wherever the model manager
 * keeps it) or a folder or file on disk (absolute, or relative to the pipeline's folder). Resolves
 * to the files a runner loads, says what is missing and how to get it, and gives the identity that
 * keys cached results (the catalog's hashes, and each file's size and modification time).
 */
final class SpeechModelRef {
  /** A model ready to load: its id (the catalog's, or the path), folder and files. */
  record Resolved(String id, Path folder, Map<String, Path> files, Optional<CatalogEntry> entry) {
    Resolved {
      files = Map.copyOf(files);
    }

    /** The catalog's runner id, when the catalog names one. */
    Optional<String> runner() {
      return entry.map(CatalogEntry::runner);
    }

    /** The first file whose name ends with {@code .onnx}. */
    Optional<Path> onnx() {
      return new TreeMap<>(files)
          .values().stream().filter(p -> p.getFileName().toString().endsWith(".onnx")).findFirst();
    }
  }

  private SpeechModelRef() {}

  /** Whether the value looks like a path rather than a catalog id. */
  static boolean isPath(String value) {
    return value.contains("/")
        || value.contains("\\")
        || value.startsWith(".")
        || value.startsWith("~")
        || value.endsWith(".onnx");
  }

  /**
   * Whether the value names something on disk: it looks like a path, or it is no catalog id and a
   * folder or file of that name exists beside the pipeline.
   */
  static boolean isPath(String value, Path pipelineDir, Optional<ModelLibrary> library) {
    if (isPath(value) || library.isEmpty()) {
      return true;
    }
    return library.get().catalog().find(value).isEmpty()
        && Files.exists(pathOf(value, pipelineDir));
  }

  static Path pathOf(String value, Path pipelineDir) {
    String v =
        value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value;
    return pipelineDir.resolve(v).toAbsolutePath().normalize();
  }

  /**
   * The model a parameter names, ready to load.
   *
   * @throws WeftException when it is not installed (with the pull command), does not exist, or (for
   *     speech models) is not a complete export
   */
  static Resolved resolve(
      String value, Path pipelineDir, Optional<ModelLibrary> library, boolean speech)
      throws IOException {
    if (value.isBlank()) {
      throw new WeftException(
          "no model is chosen",
          Location.of("model"),
          "choose a model from the catalog or a folder");
    }
    if (isPath(value, pipelineDir, library)) {
      Path p = pathOf(value, pipelineDir);
      if (!Files.exists(p)) {
        throw new WeftException(
            "the model " + p + " does not exist",
            Location.file(p.toString()),
            library.isEmpty()
                ? "give the folder of an export, or start Weft normally for catalog models"
                : "give the folder of an export, or a model id such as sensevoice-small-int8");
      }
      Map<String, Path> files = new LinkedHashMap<>();
      Path folder;
      if (speech) {
        AsrModelFiles f = AsrModelFiles.locate(p, ModelVariant.AUTO);
        folder = f.folder();
        files.put(f.model().getFileName().toString(), f.model());
        files.put(f.tokens().getFileName().toString(), f.tokens());
        f.cmvn().ifPresent(c -> files.put(c.getFileName().toString(), c));
        f.config().ifPresent(c -> files.put(c.getFileName().toString(), c));
      } else if (Files.isDirectory(p)) {
        folder = p;
        try (Stream<Path> list = Files.list(p)) {
          list.filter(x -> x.getFileName().toString().endsWith(".onnx"))
              .sorted()
              .forEach(x -> files.put(x.getFileName().toString(), x));
        }
        if (files.isEmpty()) {
          throw new WeftException(
              "the folder holds no .onnx model", Location.file(p.toString()), null);
        }
      } else {
        folder = p.getParent();
        files.put(p.getFileName().toString(), p);
      }
      return new Resolved(p.toString(), folder, files, Optional.empty());
    }
    InstalledModel m = library.get().require(value);
    return new Resolved(value, m.folder(), m.files(), Optional.of(m.entry()));
  }

  /** Why the model cannot be used now, or empty when it can (no exception for the checks). */
  static Optional<TranscribeSpeechNode.Blocker> problem(
      String value, Path pipelineDir, Optional<ModelLibrary> library, boolean offline) {
    try {
      if (!isPath(value, pipelineDir, library)) {
        ModelStatus s = library.get().status(value);
        if (!s.isInstalled()) {
          String hint =
              offline
                  ? "Weft is offline: fetch it on a machine with network ('weft models pull "
                      + value
                      + "') and copy it here"
                  : "download it with 'weft models pull " + value + "' or in the Models dialog";
          return Optional.of(
              new TranscribeSpeechNode.Blocker(
                  "the model "
                      + value
                      + " is not installed (missing "
                      + String.join(", ", s.missingFiles())
                      + ")",
                  hint));
        }
        return Optional.empty();
      }
      resolve(value, pipelineDir, library, true);
      return Optional.empty();
    } catch (WeftException e) {
      return Optional.of(new TranscribeSpeechNode.Blocker(e.getMessage(), e.hint().orElse(null)));
    } catch (IOException e) {
      return Optional.of(
          new TranscribeSpeechNode.Blocker(
              "cannot check the model " + value + ": " + e.getMessage(), null));
    }
  }

  /**
   * What identifies the model's contents: the catalog's hashes where it has them, and each file's
   * size and modification time, so replacing a file changes the identity.
   */
  static String identity(Resolved r) {
    List<String> parts = new ArrayList<>();
    parts.add(r.id());
    r.entry()
        .ifPresent(e -> {
          for (ModelFile f : e.files()) {
            parts.add(f.path() + "=" + f.sha256());
          }
        });
    for (Map.Entry<String, Path> f : new TreeMap<>(r.files()).entrySet()) {
      parts.add(f.getKey() + "|" + stamp(f.getValue()));
    }
    return String.join(",", parts);
  }

  private static String stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.size() + "|" + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "missing";
    }
  }
}
