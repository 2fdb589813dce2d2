package dev.weft.pipelines.backends.dashscope;

/**
 * A finished Wan task: where to fetch the MP4 (a pre-signed URL, valid about a day), the prompt as
 * sent and as the service extended it, and what was billed.
 *
 * @param actualPrompt the prompt after the service's prompt extension (null when off)
 * @param videoSeconds the billed video duration, or 0 when not reported
 */
public record WanResult(
    String taskId,
    String videoUrl,
    String origPrompt,
    String actualPrompt,
    double videoSeconds,
    String submitTime,
    String endTime) {

  static WanResult of(TaskSnapshot s) {
    return new WanResult(
        s.taskId(),
        s.outputText("video_url"),
        s.outputText("orig_prompt"),
        s.outputText("actual_prompt"),
        s.usage().path("video_duration").asDouble(0),
        s.outputText("submit_time"),
        s.outputText("end_time"));
  }
}
