package dev.weft.pipelines.nodes.text;

import dev.weft.assets.TextAsset;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Params;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.CheckContext;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeIssue;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{name}}} placeholders; each distinct name becomes a text input of the node,
 * and the output is the template with every placeholder replaced by its input's text. Write
 * {@code \{{} for a literal "{{".
 */
public final class TextTemplateNode implements NodeType {
  public static final String ID = "text.template";
  static final Pattern PLACEHOLDER =
      Pattern.compile("(\\\\)?\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private static final NodeSpec SPEC =
      NodeSpec.builder(ID, "Text template")
          .category("Text")
          .description(
              "Fills {{name}} placeholders with the texts wired into the inputs of the same name.")
          .output(Port.of("text", PortType.TEXT))
          .param(
              new ParamSpec.TextParam(
                  "template",
                  "Template",
                  "Text with {{name}} placeholders; each name becomes an input.",
                  "",
                  true))
          .keywords("format", "substitute", "placeholder", "prompt")
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  /** The placeholder names in order of first appearance. */
  static List<String> names(String template) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (m.group(1) == null) {
        names.add(m.group(2));
      }
    }
    return new ArrayList<>(names);
  }

  @Override
  public List<Port> inputs(Params params) {
    Object t = params.get("template").orElse("");
    if (!(t instanceof String template)) {
      return List.of();
    }
    return names(template).stream().map(n -> Port.of(n, PortType.TEXT)).toList();
  }

  @Override
  public List<NodeIssue> check(Node node, CheckContext context) {
    Object t = node.params().get("template").orElse("");
    if (t instanceof String s && s.contains("{{") && names(s).isEmpty() && !s.contains("\\{{")) {
      return List.of(
          NodeIssue.warning(
              "template",
              "the template has \"{{\" but no valid placeholder",
              "placeholders look like {{subject}}: a letter or '_' first, then letters, digits or '_'"));
    }
    return List.of();
  }

  @Override
  public void execute(NodeContext context) {
    String template = context.string("template");
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    while (m.find()) {
      String replacement =
          m.group(1) != null
              ? m.group().substring(1)
              : context.input(m.group(2), TextAsset.class).text();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    context.output("text", TextAsset.of(out.toString()));
  }
}
