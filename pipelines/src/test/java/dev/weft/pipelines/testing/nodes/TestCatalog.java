package dev.weft.pipelines.testing.nodes;

import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.NodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The product's node catalog plus the test node types (which never enter the product's). */
public final class TestCatalog {
  private TestCatalog() {}

  public static NodeCatalog withTestNodes() {
    List<NodeType> types = new ArrayList<>();
    ServiceLoader.load(NodeType.class, TestCatalog.class.getClassLoader()).forEach(types::add);
    types.add(new EchoNode());
    types.add(new WaitNode());
    types.add(new FailNode());
    types.add(new NoopNode());
    return NodeCatalog.of(types);
  }
}
