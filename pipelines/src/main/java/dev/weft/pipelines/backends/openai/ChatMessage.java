package dev.weft.pipelines.backends.openai;

import java.util.List;
import java.util.Objects;

/** One chat message: a role and its parts. */
public record ChatMessage(String role, List<ContentPart> parts) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(parts);
  }

  public static ChatMessage system(String text) {
    return new ChatMessage("system", List.of(new ContentPart.Text(text)));
  }

  public static ChatMessage user(List<ContentPart> parts) {
    return new ChatMessage("user", parts);
  }

  public static ChatMessage user(String text) {
    return user(List.of(new ContentPart.Text(text)));
  }
}
