package dev.weft.pipelines.engine;

import dev.weft.assets.Asset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.Provenance;
import dev.weft.assets.store.AssetStore;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.graph.BackendPolicy;
import dev.weft.pipelines.graph.Conversion;
import dev.weft.pipelines.graph.Node;
import dev.weft.pipelines.graph.Port;
import dev.weft.pipelines.nodes.Cancellation;
import dev.weft.pipelines.nodes.NodeContext;
import dev.weft.pipelines.nodes.NodeSpec;
import dev.weft.pipelines.nodes.ParamSpec;
import dev.weft.pipelines.nodes.Services;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The engine's {@link NodeContext}: one per node execution. */
final class ExecutionContext implements NodeContext {

  /** A value on one wire into an input, with the conversion the wire applies. */
  record Input(ValueRef value, Conversion conversion) {}

  private final Scheduler run;
  private final Node node;
  private final NodeSpec spec;
  private final List<Port> inputPorts;
  private final Map<String, List<Input>> inputs;
  private final Cancellation cancellation;
  private final Map<String, Asset> outputs = new ConcurrentHashMap<>();
  private volatile String backend;
  private volatile String model;

  ExecutionContext(
      Scheduler run,
      Node node,
      NodeSpec spec,
      List<Port> inputPorts,
      Map<String, List<Input>> inputs,
      Cancellation cancellation) {
    this.run = run;
    this.node = node;
    this.spec = spec;
    this.inputPorts = inputPorts;
    this.inputs = inputs;
    this.cancellation = cancellation;
  }

  Map<String, Asset> outputs() {
    return outputs;
  }

  String backend() {
    return backend;
  }

  @Override
  public String runId() {
    return run.runId();
  }

  @Override
  public Node node() {
    return node;
  }

  @Override
  public NodeSpec spec() {
    return spec;
  }

  // ---- parameters ----

  @Override
  public Object param(String name) {
    ParamSpec ps =
        spec.param(name)
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "node type " + spec.id() + " has no parameter " + name));
    return node.params().get(name).orElse(ps.defaultValue());
  }

  @Override
  public String string(String name) {
    return String.valueOf(param(name));
  }

  @Override
  public long integer(String name) {
    Object v = param(name);
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw paramError(name, "\"" + name + "\" must be a whole number, got " + v, null);
  }

  @Override
  public double number(String name) {
    Object v = param(name);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw paramError(name, "\"" + name + "\" must be a number, got " + v, null);
  }

  @Override
  public boolean bool(String name) {
    Object v = param(name);
    if (v instanceof Boolean b) {
      return b;
    }
    throw paramError(name, "\"" + name + "\" must be true or false, got " + v, null);
  }

  @Override
  public Optional<Path> path(String name) {
    String s = string(name);
    return s.isBlank() ? Optional.empty() : Optional.of(resolve(s));
  }

  @Override
  public Path resolve(String path) {
    return run.pipelineDir().resolve(path).toAbsolutePath().normalize();
  }

  // ---- inputs ----

  @Override
  public boolean hasInput(String port) {
    return !inputs.getOrDefault(port, List.of()).isEmpty();
  }

  @Override
  public <T extends Asset> T input(String port, Class<T> type) {
    return optionalInput(port, type)
        .orElseThrow(() ->
            error(
                "the input \"" + port + "\" is not connected",
                "connect a value to \"" + port + "\""));
  }

  @Override
  public <T extends Asset> Optional<T> optionalInput(String port, Class<T> type) {
    Port p = port(port);
    List<Input> wires = inputs.getOrDefault(port, List.of());
    if (wires.isEmpty()) {
      return Optional.empty();
    }
    // A list input joins every wire's items into one list; a single input has one wire.
    Asset value =
        p.acceptsMany() && wires.size() > 1
            ? ListAsset.of(inputList(port, Asset.class))
            : arrived(wires.getFirst());
    return Optional.of(checked(port, value, type));
  }

  @Override
  public <T extends Asset> List<T> inputList(String port, Class<T> itemType) {
    Port p = port(port);
    List<T> out = new ArrayList<>();
    for (Input w : inputs.getOrDefault(port, List.of())) {
      Asset v = arrived(w);
      for (Asset item : v instanceof ListAsset l && p.acceptsMany() ? l.items() : List.of(v)) {
        out.add(checked(port, item, itemType));
      }
    }
    return out;
  }

  /** The value a wire delivers, after its conversion. */
  private static Asset arrived(Input wire) {
    return wire.conversion().apply(wire.value().get());
  }

  private <T extends Asset> T checked(String port, Asset value, Class<T> type) {
    if (!type.isInstance(value)) {
      throw new IllegalStateException(
          "input "
              + port
              + " of "
              + spec.id()
              + " carries "
              + value.describe()
              + ", not "
              + type.getSimpleName());
    }
    return type.cast(value);
  }

  private Port port(String name) {
    return inputPorts.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("node type " + spec.id() + " has no input " + name));
  }

  // ---- outputs and feedback ----

  @Override
  public void output(String port, Asset value) {
    Port p =
        spec.output(port)
            .orElseThrow(() ->
                new IllegalArgumentException("node type " + spec.id() + " has no output " + port));
    if (!p.type().admits(value)) {
      throw new IllegalArgumentException(
          "node type "
              + spec.id()
              + " put "
              + value.describe()
              + " on output "
              + port
              + " of type "
              + p.type());
    }
    outputs.put(port, value);
  }

  @Override
  public void progress(double fraction, String message) {
    double f = Double.isNaN(fraction) ? -1 : fraction < 0 ? -1 : Math.min(1, fraction);
    run.progress(node.id(), f, message == null ? "" : message);
  }

  @Override
  public void preview(Asset partial) {
    run.preview(node.id(), partial);
  }

  @Override
  public void log(String message) {
    run.log(node.id(), RunEvent.NodeLog.Level.INFO, message);
  }

  @Override
  public void warn(String message) {
    run.log(node.id(), RunEvent.NodeLog.Level.WARNING, message);
  }

  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public void reportBackend(String newBackend, String newModel) {
    this.backend = newBackend;
    this.model = newModel;
    run.backendChosen(node.id(), newBackend, newModel);
  }

  // ---- environment ----

  @Override
  public AssetStore store() {
    return run.store();
  }

  @Override
  public Path pipelineDir() {
    return run.pipelineDir();
  }

  @Override
  public Path outputDir() {
    return run.outputDir();
  }

  @Override
  public Services services() {
    return run.services();
  }

  @Override
  public boolean offline() {
    return run.offline();
  }

  @Override
  public BackendPolicy backendPolicy() {
    return run.backendPolicy();
  }

  @Override
  public Provenance provenance() {
    Map<String, Object> params = new LinkedHashMap<>();
    Long seed = null;
    for (ParamSpec ps : spec.params()) {
      Object v = param(ps.name());
      params.put(ps.name(), v);
      if (ps instanceof ParamSpec.SeedParam && v instanceof Long l && seed == null) {
        seed = l;
      }
    }
    return new Provenance(
        run.pipelineName(),
        node.id(),
        spec.id(),
        spec.version(),
        params,
        model,
        null,
        seed,
        backend,
        run.weftVersion());
  }

  @Override
  public Optional<String> pipelineJson() {
    return run.pipelineJson();
  }

  WeftException located(WeftException e) {
    return e;
  }
}
