package dev.weft.pipelines.nodes.text;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.List;
import java.util.stream.Collectors;

/** Joins every text wired into it, in wire order, with a separator between them. */
public final class JoinTextsNode implements NodeType {
  public static final String ID = "text.join";

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Join texts")
          .category("Text")
          .description(
              "Joins all texts wired into \"texts\" (transcripts count as their text), in wire"
                  + " order, with the separator between them. \\n and \\t in the separator mean a"
                  + " new line and a tab.")
          .input(Port.of("texts", PortType.listOf(PortType.TEXT)))
          .output(Port.of("text", PortType.TEXT))
          .param(
              new ParamSpec.StringParam(
                  "separator", "Separator", "Put between texts.", "\\n", true))
          .param(
              new ParamSpec.BoolParam(
                  "skipEmpty",
                  "Skip empty",
                  "Leave out texts that are empty or blank.",
                  true,
                  false))
          .keywords("concatenate", "combine", "merge")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        switch (n) {
          case 'n' -> {
            sb.append('\n');
            i++;
            continue;
          }
          case 't' -> {
            sb.append('\t');
            i++;
            continue;
          }
          case '\\' -> {
            sb.append('\\');
            i++;
            continue;
          }
          default -> {}
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public void execute(NodeContext context) {
    String separator = unescape(context.string("separator"));
    boolean skipEmpty = context.bool("skipEmpty");
    List<TextAsset> texts = context.inputList("texts", TextAsset.class);
    String joined =
        texts.stream()
            .map(TextAsset::text)
            .filter(t -> !skipEmpty || !t.isBlank())
            .collect(Collectors.joining(separator));
    context.output("text", TextAsset.of(joined));
  }
}
