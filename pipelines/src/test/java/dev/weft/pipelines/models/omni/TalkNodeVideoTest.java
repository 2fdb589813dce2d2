package dev.weft.pipelines.models.omni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.pipelines.engine.RunResult;
import dev.weft.pipelines.engine.RunStatus;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.testing.Graphs;
import dev.weft.pipelines.testing.protocol.CloudEngineRig;
import dev.weft.pipelines.testing.protocol.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Talk (Qwen3-Omni) with a video input, which Load video probes through FFmpeg. */
@Tag("native")
class TalkNodeVideoTest {
  @TempDir Path dir;

  @Test
  void aVideoGoesAsAVideoUrlWithTheFilesBytes() throws Exception {
    try (CloudEngineRig rig = new CloudEngineRig(dir)) {
      byte[] mp4 = rig.server().mp4();
      Files.write(dir.resolve("clip.mp4"), mp4);
      Graph g =
          Graphs.create()
              .node("v", "video.load", "file", "clip.mp4")
              .node("talk", TalkNode.ID, "prompt", "What happens in the clip?")
              .edge("v.video", "talk.video")
              .build();
      RunResult r = rig.engine.run(g);
      assertThat(r.status()).as(rig.failure("talk")).isEqualTo(RunStatus.SUCCEEDED);
      RecordedRequest chat =
          rig.server().requests("POST", "/compatible-mode/v1/chat/completions").getLast();
      JsonNode part = chat.json().path("messages").get(0).path("content").get(0);
      assertThat(part.path("type").asText()).isEqualTo("video_url");
      String url = part.path("video_url").path("url").asText();
      assertThat(url).startsWith("data:video/mp4;base64,");
      assertThat(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))).isEqualTo(mp4);
    }
  }
}
