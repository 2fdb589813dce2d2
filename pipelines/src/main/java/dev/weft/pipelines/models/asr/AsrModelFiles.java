package dev.weft.pipelines.models.asr;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one speech model folder, found by layout: sherpa-onnx ({@code tokens.txt} beside the
 * model) or FunASR ({@code am.mvn} and {@code config.yaml} beside it). A missing file is reported
 * with the files each layout expects and the files the folder holds.
 */
public record AsrModelFiles(
    Path folder,
    ExportLayout layout,
    Path model,
    Path tokens,
    Optional<Path> cmvn,
    Optional<Path> config) {

  static final String SHERPA_TOKENS = "tokens.txt";
  static final String FUNASR_CMVN = "am.mvn";
  static final String FUNASR_CONFIG = "config.yaml";
  static final String FUNASR_TOKENS_JSON = "tokens.json";
  static final String SENSE_VOICE_BPE = "chn_jpn_yue_eng_ko_spectok.bpe.model";

  /**
   * Finds the files for {@code path}, a model folder or an {@code .onnx} file inside one.
   *
   * @throws WeftException when the folder does not hold a complete export of either layout
   */
  public static AsrModelFiles locate(Path path, ModelVariant variant) {
    Path folder;
    Optional<Path> chosenModel = Optional.empty();
    if (Files.isRegularFile(path)) {
      folder = path.toAbsolutePath().getParent();
      chosenModel = Optional.of(path);
    } else if (Files.isDirectory(path)) {
      folder = path;
    } else {
      throw new WeftException(
          "the speech model folder does not exist",
          Location.file(path.toString()),
          "pass a folder with a SenseVoice or Paraformer export (sherpa-onnx or FunASR layout)");
    }
    List<String> found = listing(folder);
    boolean sherpa = found.contains(SHERPA_TOKENS);
    boolean funasr = found.contains(FUNASR_CMVN) || found.contains(FUNASR_CONFIG);
    if (funasr && !sherpa) {
      return funasr(folder, found, chosenModel, variant);
    }
    if (sherpa) {
      Path model =
          chosenModel.orElseGet(
              () -> pick(folder, found, variant, "model.onnx", "model.int8.onnx").orElse(null));
      if (model != null) {
        return new AsrModelFiles(
            folder,
            ExportLayout.SHERPA_ONNX,
            model,
            folder.resolve(SHERPA_TOKENS),
            Optional.empty(),
            Optional.empty());
      }
    }
    throw incomplete(folder, found);
  }

  private static AsrModelFiles funasr(
      Path folder, List<String> found, Optional<Path> chosenModel, ModelVariant variant) {
    Path model =
        chosenModel.orElseGet(
            () -> pick(folder, found, variant, "model.onnx", "model_quant.onnx").orElse(null));
    Path tokens = null;
    if (found.contains(FUNASR_TOKENS_JSON)) {
      tokens = folder.resolve(FUNASR_TOKENS_JSON);
    } else if (found.contains(SENSE_VOICE_BPE)) {
      tokens = folder.resolve(SENSE_VOICE_BPE);
    } else {
      tokens =
          found.stream()
              .filter(f -> f.endsWith(".bpe.model"))
              .findFirst()
              .map(folder::resolve)
              .orElse(null);
    }
    if (model == null
        || tokens == null
        || !found.contains(FUNASR_CMVN)
        || !found.contains(FUNASR_CONFIG)) {
      throw incomplete(folder, found);
    }
    return new AsrModelFiles(
        folder,
        ExportLayout.FUNASR,
        model,
        tokens,
        Optional.of(folder.resolve(FUNASR_CMVN)),
        Optional.of(folder.resolve(FUNASR_CONFIG)));
  }

  private static Optional<Path> pick(
      Path folder, List<String> found, ModelVariant variant, String floatName, String int8Name) {
    boolean hasFloat = found.contains(floatName);
    boolean hasInt8 = found.contains(int8Name);
    String name =
        switch (variant) {
          case FLOAT -> hasFloat ? floatName : null;
          case INT8 -> hasInt8 ? int8Name : null;
          case AUTO -> hasInt8 ? int8Name : hasFloat ? floatName : null;
        };
    return Optional.ofNullable(name).map(folder::resolve);
  }

  private static WeftException incomplete(Path folder, List<String> found) {
    return new WeftException(
        "the folder is not a complete speech model export. Expected either the sherpa-onnx"
            + " layout (model.onnx or model.int8.onnx, tokens.txt) or the FunASR layout"
            + " (model.onnx or model_quant.onnx, am.mvn, config.yaml, tokens.json or "
            + SENSE_VOICE_BPE
            + "); found "
            + (found.isEmpty() ? "no files" : String.join(", ", found)),
        Location.file(folder.toString()),
        "download the complete model folder again, or point at the folder that holds model.onnx");
  }

  private static List<String> listing(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<String> names = new ArrayList<>();
      files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
      names.sort(null);
      return names;
    } catch (IOException e) {
      throw new WeftException(
          "cannot list the speech model folder: " + e.getMessage(),
          Location.file(folder.toString()),
          "check that the folder is readable",
          e);
    }
  }
}
