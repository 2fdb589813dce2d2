package dev.weft.pipelines;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a problem is: a file (with line and column when known), a node (id and title), and a port
 * or parameter of it. Any part may be absent; {@link #describe()} names what is present.
 */
public record Location(
    String file,
    int line,
    int column,
    String nodeId,
    String nodeTitle,
    String port,
    String param,
    String detail) {

  /** No location at all (used only where a problem truly has none, such as bad arguments). */
  public static final Location NONE = new Location(null, 0, 0, null, null, null, null, null);

  public static Location file(String file) {
    return NONE.withFile(file);
  }

  public static Location node(String nodeId, String nodeTitle) {
    return new Location(null, 0, 0, nodeId, nodeTitle, null, null, null);
  }

  /** A named place that is neither a file nor a node, e.g. a command-line option. */
  public static Location of(String detail) {
    return new Location(null, 0, 0, null, null, null, null, detail);
  }

  public Location withFile(String newFile) {
    return new Location(newFile, line, column, nodeId, nodeTitle, port, param, detail);
  }

  public Location atLine(int newLine, int newColumn) {
    return new Location(file, newLine, newColumn, nodeId, nodeTitle, port, param, detail);
  }

  public Location withNode(String newNodeId, String newNodeTitle) {
    return new Location(file, line, column, newNodeId, newNodeTitle, port, param, detail);
  }

  public Location withPort(String newPort) {
    return new Location(file, line, column, nodeId, nodeTitle, newPort, param, detail);
  }

  public Location withParam(String newParam) {
    return new Location(file, line, column, nodeId, nodeTitle, port, newParam, detail);
  }

  public Location withDetail(String newDetail) {
    return new Location(file, line, column, nodeId, nodeTitle, port, param, newDetail);
  }

  public boolean isEmpty() {
    return file == null && nodeId == null && port == null && param == null && detail == null;
  }

  /** E.g. {@code demo.weft.json:12:5, node "prompt" (Prompt), parameter "text"}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (file != null) {
      parts.add(line > 0 ? file + ":" + line + (column > 0 ? ":" + column : "") : file);
    }
    if (nodeId != null) {
      parts.add(
          "node \""
              + nodeId
              + "\""
              + (nodeTitle != null && !nodeTitle.equals(nodeId) ? " (" + nodeTitle + ")" : ""));
    }
    if (port != null) {
      parts.add("port \"" + port + "\"");
    }
    if (param != null) {
      parts.add("parameter \"" + param + "\"");
    }
    if (detail != null) {
      parts.add(detail);
    }
    return String.join(", ", parts);
  }
}
