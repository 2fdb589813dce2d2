package dev.weft.pipelines.engine;

import dev.weft.pipelines.format.ParsedPipeline;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One run to do: the pipeline (as read, so problems can name lines), the project whose store and
 * cache it uses, where save nodes write, the options, and the pipeline's JSON to embed in outputs
 * (when there is a file behind it).
 */
public record RunRequest(
    ParsedPipeline pipeline,
    Project project,
    Path outputDir,
    RunOptions options,
    Optional<String> pipelineJson) {

  public RunRequest {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(project, "project");
    outputDir = outputDir == null ? project.defaultOutputDir() : outputDir.toAbsolutePath();
    options = options == null ? RunOptions.DEFAULT : options;
    pipelineJson = pipelineJson == null ? Optional.empty() : pipelineJson;
  }

  public RunRequest withOptions(RunOptions newOptions) {
    return new RunRequest(pipeline, project, outputDir, newOptions, pipelineJson);
  }

  public RunRequest withOutputDir(Path dir) {
    return new RunRequest(pipeline, project, dir, options, pipelineJson);
  }

  public RunRequest withPipelineJson(String json) {
    return new RunRequest(pipeline, project, outputDir, options, Optional.of(json));
  }
}
