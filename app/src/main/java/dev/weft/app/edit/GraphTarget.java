package dev.weft.app.edit;

import dev.weft.pipelines.graph.Graph;

/** The document a {@link GraphEditJob} changes: it reads the graph and puts a new one in place. */
public interface GraphTarget {
  Graph graph();

  void replaceGraph(Graph graph);
}
