package dev.weft.pipelines.format;

import dev.weft.pipelines.Location;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.graph.Graph;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline as read from a file: the graph, where each part was in the file, and the problems
 * found while reading that did not stop the reading (a node entry without a type, an unknown
 * field). {@code file} is empty for pipelines read from text without a file.
 */
public record ParsedPipeline(
    Graph graph,
    String sourceName,
    Optional<Path> file,
    SourceMap sourceMap,
    Map<String, Integer> nodeIndex,
    List<Problem> problems) {

  public ParsedPipeline {
    nodeIndex = Map.copyOf(nodeIndex);
    problems = List.copyOf(problems);
  }

  /** A graph made in memory (by the editor or a one-shot command) with no file behind it. */
  public static ParsedPipeline inMemory(Graph graph, String sourceName) {
    return new ParsedPipeline(
        graph, sourceName, Optional.empty(), SourceMap.EMPTY, Map.of(), List.of());
  }

  /** Where a node was defined: the file, its line, and the node. */
  public Location nodeLocation(String nodeId, String title) {
    Location base = Location.file(sourceName).withNode(nodeId, title);
    Integer index = nodeIndex.get(nodeId);
    if (index == null || sourceMap == SourceMap.EMPTY) {
      return base;
    }
    SourceMap.Position p = sourceMap.find("/nodes/" + index);
    return base.atLine(p.line(), p.column());
  }

  /** Where a node's parameter was set (or the node, when the parameter is not in the file). */
  public Location paramLocation(String nodeId, String title, String param) {
    Integer index = nodeIndex.get(nodeId);
    Location base = Location.file(sourceName).withNode(nodeId, title).withParam(param);
    if (index == null || sourceMap == SourceMap.EMPTY) {
      return base;
    }
    SourceMap.Position p =
        sourceMap.find(
            "/nodes/" + index + "/params/" + param.replace("~", "~0").replace("/", "~1"));
    return base.atLine(p.line(), p.column());
  }

  /** Where the n-th edge of the file was. */
  public Location edgeLocation(int edgeIndex) {
    Location base = Location.file(sourceName);
    if (sourceMap == SourceMap.EMPTY) {
      return base;
    }
    SourceMap.Position p = sourceMap.find("/edges/" + edgeIndex);
    return base.atLine(p.line(), p.column());
  }

  /** The folder relative paths resolve against: the file's folder, or the working folder. */
  public Path baseDir() {
    return file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
  }

  public ParsedPipeline withGraph(Graph newGraph) {
    return new ParsedPipeline(newGraph, sourceName, file, sourceMap, nodeIndex, problems);
  }

  public ParsedPipeline withProblems(List<Problem> newProblems) {
    return new ParsedPipeline(graph, sourceName, file, sourceMap, nodeIndex, newProblems);
  }
}
