package dev.weft.app.canvas;

import dev.weft.app.edit.EdgeKey;
import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.graph.Edge;
import dev.weft.pipelines.graph.Graph;
import dev.weft.pipelines.graph.Group;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.graph.Position;
import dev.weft.pipelines.nodes.NodeType;
import dev.weft.pipelines.nodes.ParamSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where everything sits on the canvas, computed from the graph alone: node boxes, port anchors,
 * group frames, collapsed groups, wire curves and what lies under a point. The views draw what this
 * says and the hit tests ask it, so the two can never disagree.
 */
public final class CanvasGeometry {
  public static final double NODE_WIDTH = 220;
  public static final double HEADER = 30;
  public static final double ROW = 22;
  public static final double SUMMARY_LINE = 18;
  public static final int MAX_SUMMARY_LINES = 3;
  public static final double FOOTER = 16;
  public static final double PORT_RADIUS = 6;
  public static final double GROUP_PAD = 18;
  public static final double GROUP_TITLE = 28;
  public static final double COLLAPSED_HEIGHT = 56;

  private final Wiring wiring;

  public CanvasGeometry(Wiring wiring) {
    this.wiring = wiring;
  }

  public Wiring wiring() {
    return wiring;
  }

  /** One port of a node as drawn: its name, type, side and centre. */
  public record PortAnchor(
      String node, String port, String label, PortType type, boolean output, Point center) {}

  /** The parameters shown on the node itself, at most {@link #MAX_SUMMARY_LINES}. */
  public List<ParamSpec> summaryParams(Node node) {
    Optional<NodeType> t = wiring.catalog().find(node.type());
    if (t.isEmpty()) {
      return List.of();
    }
    return t.get().spec().params().stream()
        .filter(ParamSpec::summary)
        .limit(MAX_SUMMARY_LINES)
        .toList();
  }

  public int portRows(Node node) {
    return Math.max(1, Math.max(wiring.inputs(node).size(), wiring.outputs(node).size()));
  }

  public double nodeHeight(Node node) {
    return HEADER + portRows(node) * ROW + summaryParams(node).size() * SUMMARY_LINE + FOOTER;
  }

  /** The node's box as drawn when it is not inside a collapsed group. */
  public Rect nodeBounds(Node node) {
    Position p = node.position();
    return new Rect(p.x(), p.y(), NODE_WIDTH, nodeHeight(node));
  }

  public List<PortAnchor> ports(Node node) {
    List<PortAnchor> out = new ArrayList<>();
    Position p = node.position();
    List<Port> ins = wiring.inputs(node);
    for (int i = 0; i < ins.size(); i++) {
      Port port = ins.get(i);
      out.add(
          new PortAnchor(
              node.id(),
              port.name(),
              port.label(),
              port.type(),
              false,
              new Point(p.x(), p.y() + HEADER + ROW * i + ROW / 2)));
    }
    List<Port> outs = wiring.outputs(node);
    for (int i = 0; i < outs.size(); i++) {
      Port port = outs.get(i);
      out.add(
          new PortAnchor(
              node.id(),
              port.name(),
              port.label(),
              port.type(),
              true,
              new Point(p.x() + NODE_WIDTH, p.y() + HEADER + ROW * i + ROW / 2)));
    }
    return out;
  }

  /** The collapsed group each node is hidden in, by node id. */
  public Map<String, Group> collapsedMembership(Graph graph) {
    Map<String, Group> m = new HashMap<>();
    for (Group g : graph.groups()) {
      if (g.collapsed()) {
        for (String n : g.nodes()) {
          m.putIfAbsent(n, g);
        }
      }
    }
    return m;
  }

  /** The frame of an open group around its nodes, with room for the title. */
  public Rect groupBounds(Graph graph, Group group) {
    Rect r = Rect.EMPTY;
    for (String id : group.nodes()) {
      Optional<Node> n = graph.node(id);
      if (n.isPresent()) {
        r = r.union(nodeBounds(n.get()));
      }
    }
    if (r == Rect.EMPTY) {
      return r;
    }
    return new Rect(
        r.x() - GROUP_PAD,
        r.y() - GROUP_PAD - GROUP_TITLE,
        r.width() + 2 * GROUP_PAD,
        r.height() + 2 * GROUP_PAD + GROUP_TITLE);
  }

  /** The single box a collapsed group becomes: at its frame's top-left corner. */
  public Rect collapsedBounds(Graph graph, Group group) {
    Rect frame = groupBounds(graph, group);
    return new Rect(frame.x(), frame.y(), NODE_WIDTH, COLLAPSED_HEIGHT);
  }

  /** Everything drawn: nodes and group frames. */
  public Rect graphBounds(Graph graph) {
    Rect r = Rect.EMPTY;
    Map<String, Group> hidden = collapsedMembership(graph);
    for (Node n : graph.nodes()) {
      if (!hidden.containsKey(n.id())) {
        r = r.union(nodeBounds(n));
      }
    }
    for (Group g : graph.groups()) {
      Rect b = g.collapsed() ? collapsedBounds(graph, g) : groupBounds(graph, g);
      if (b != Rect.EMPTY) {
        r = r.union(b);
      }
    }
    return r;
  }

  /** Where a wire leaves its output (or the edge of the collapsed group hiding it). */
  public Point outputAnchor(Graph graph, Map<String, Group> hidden, Edge e) {
    Group g = hidden.get(e.from().node());
    if (g != null) {
      Rect b = collapsedBounds(graph, g);
      return new Point(b.maxX(), b.centerY());
    }
    return graph
        .node(e.from().node())
        .map(n ->
            ports(n).stream()
                .filter(a -> a.output() && a.port().equals(e.from().port()))
                .findFirst()
                .map(PortAnchor::center)
                .orElse(new Point(n.position().x() + NODE_WIDTH, n.position().y() + HEADER / 2)))
        .orElse(new Point(0, 0));
  }

  /** Where a wire enters its input (a missing port: the node's title bar). */
  public Point inputAnchor(Graph graph, Map<String, Group> hidden, Edge e) {
    Group g = hidden.get(e.to().node());
    if (g != null) {
      Rect b = collapsedBounds(graph, g);
      return new Point(b.x(), b.centerY());
    }
    return graph
        .node(e.to().node())
        .map(n ->
            ports(n).stream()
                .filter(a -> !a.output() && a.port().equals(e.to().port()))
                .findFirst()
                .map(PortAnchor::center)
                .orElse(new Point(n.position().x(), n.position().y() + HEADER / 2)))
        .orElse(new Point(0, 0));
  }

  /** Whether a wire is drawn at all (both ends hidden in the same collapsed group: no). */
  public boolean edgeVisible(Map<String, Group> hidden, Edge e) {
    Group a = hidden.get(e.from().node());
    Group b = hidden.get(e.to().node());
    return a == null || a != b;
  }

  /** The points a wire passes: its output, its reroute points, its input. */
  public List<Point> wirePoints(Graph graph, Map<String, Group> hidden, Edge e) {
    List<Point> pts = new ArrayList<>(e.via().size() + 2);
    pts.add(outputAnchor(graph, hidden, e));
    for (Position v : e.via()) {
      pts.add(new Point(v.x(), v.y()));
    }
    pts.add(inputAnchor(graph, hidden, e));
    return pts;
  }

  /**
   * The control points of the curve between two consecutive wire points: horizontal tangents, so
   * wires leave outputs to the right and enter inputs from the left.
   */
  public static Point[] curve(Point a, Point b) {
    double dx = Math.max(40, Math.abs(b.x() - a.x()) * 0.5);
    return new Point[] {a, new Point(a.x() + dx, a.y()), new Point(b.x() - dx, b.y()), b};
  }

  static Point bezier(Point[] c, double t) {
    double u = 1 - t;
    double x =
        u * u * u * c[0].x()
            + 3 * u * u * t * c[1].x()
            + 3 * u * t * t * c[2].x()
            + t * t * t * c[3].x();
    double y =
        u * u * u * c[0].y()
            + 3 * u * u * t * c[1].y()
            + 3 * u * t * t * c[2].y()
            + t * t * t * c[3].y();
    return new Point(x, y);
  }

  /** A wire under a point, within {@code tolerance}: the wire and the segment hit. */
  public record WireHit(EdgeKey edge, int segment, double distance) {}

  public Optional<WireHit> wireAt(Graph graph, double x, double y, double tolerance) {
    Map<String, Group> hidden = collapsedMembership(graph);
    WireHit best = null;
    for (Edge e : graph.edges()) {
      if (!edgeVisible(hidden, e)) {
        continue;
      }
      List<Point> pts = wirePoints(graph, hidden, e);
      for (int s = 0; s + 1 < pts.size(); s++) {
        Point a = pts.get(s);
        Point b = pts.get(s + 1);
        if (x < Math.min(a.x(), b.x()) - 60 - tolerance
            || x > Math.max(a.x(), b.x()) + 60 + tolerance
            || y < Math.min(a.y(), b.y()) - tolerance
            || y > Math.max(a.y(), b.y()) + tolerance) {
          continue;
        }
        Point[] c = curve(a, b);
        Point prev = a;
        for (int i = 1; i <= 24; i++) {
          Point p = bezier(c, i / 24.0);
          double d = segmentDistance(x, y, prev, p);
          if (d <= tolerance && (best == null || d < best.distance())) {
            best = new WireHit(EdgeKey.of(e), s, d);
          }
          prev = p;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static double segmentDistance(double x, double y, Point a, Point b) {
    double vx = b.x() - a.x();
    double vy = b.y() - a.y();
    double len = vx * vx + vy * vy;
    double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x()) * vx + (y - a.y()) * vy) / len));
    double px = a.x() + t * vx - x;
    double py = a.y() + t * vy - y;
    return Math.sqrt(px * px + py * py);
  }

  /** The port under a point (within a little more than its radius), topmost node first. */
  public Optional<PortAnchor> portAt(Graph graph, double x, double y, double tolerance) {
    Map<String, Group> hidden = collapsedMembership(graph);
    List<Node> nodes = graph.nodes();
    PortAnchor best = null;
    double bestD = Double.MAX_VALUE;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (hidden.containsKey(n.id())) {
        continue;
      }
      Rect b = nodeBounds(n).inflate(PORT_RADIUS + tolerance);
      if (!b.contains(x, y)) {
        continue;
      }
      for (PortAnchor a : ports(n)) {
        double d = Math.hypot(a.center().x() - x, a.center().y() - y);
        if (d <= PORT_RADIUS + tolerance && d < bestD) {
          best = a;
          bestD = d;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The node under a point, topmost (drawn last) first. */
  public Optional<Node> nodeAt(Graph graph, double x, double y) {
    Map<String, Group> hidden = collapsedMembership(graph);
    List<Node> nodes = graph.nodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (!hidden.containsKey(n.id()) && nodeBounds(n).contains(x, y)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** The visible nodes that a rubber band touches. */
  public List<String> nodesIn(Graph graph, Rect band) {
    Map<String, Group> hidden = collapsedMembership(graph);
    List<String> out = new ArrayList<>();
    for (Node n : graph.nodes()) {
      if (!hidden.containsKey(n.id()) && band.intersects(nodeBounds(n))) {
        out.add(n.id());
      }
    }
    for (Group g : graph.groups()) {
      if (g.collapsed() && band.intersects(collapsedBounds(graph, g))) {
        out.addAll(g.nodes());
      }
    }
    return out;
  }
}
