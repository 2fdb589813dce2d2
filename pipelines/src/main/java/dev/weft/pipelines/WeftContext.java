package dev.weft.pipelines;

import dev.weft.nativelibs.hardware.HardwareProbe;
import dev.weft.nativelibs.hardware.HardwareProfile;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.engine.Engine;
import dev.weft.pipelines.engine.Lanes;
import dev.weft.pipelines.engine.StoreBudget;
import dev.weft.pipelines.format.PipelineFormat;
import dev.weft.pipelines.nodes.NodeCatalog;
import dev.weft.pipelines.nodes.Services;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The composition root of the engine side: platform folders, the node catalog (built-ins and
 * plugins), the services contributed through {@link ServiceContributor}, the file format and the
 * engine. The CLI builds one per process; the studio builds one and wraps it.
 */
public final class WeftContext implements AutoCloseable {
  private final PlatformDirs dirs;
  private final NodeCatalog catalog;
  private final Services services;
  private final PipelineFormat format;
  private final Engine engine;

  public WeftContext(PlatformDirs dirs, NodeCatalog catalog, Services services, Lanes lanes) {
    this.dirs = dirs;
    this.catalog = catalog;
    this.services = services;
    this.format = new PipelineFormat();
    this.engine = new Engine(catalog, services, lanes, WeftVersion.get());
  }

  /**
   * Everything found on the class path and in the plugin folder, with lanes sized to this machine:
   * the CPU lane to its cores, one GPU lane slot per NVIDIA GPU found.
   */
  public static WeftContext create(PlatformDirs dirs) {
    ClassLoader loader = WeftContext.class.getClassLoader();
    NodeCatalog catalog = NodeCatalog.loadWithPlugins(loader, dirs.plugins());
    HardwareProfile hardware = new HardwareProbe().probe();
    Lanes.Config lanes = Lanes.Config.forThisMachine().withGpus(hardware.gpus().size(), 1);
    Services.Builder builder =
        Services.builder().put(PlatformDirs.class, dirs).put(HardwareProfile.class, hardware);
    storeBudget(System.getenv("WEFT_STORE_MAX")).ifPresent(b -> builder.put(StoreBudget.class, b));
    Services base = builder.build();
    return new WeftContext(
        dirs, catalog, contributedServices(base, dirs, loader), new Lanes(lanes));
  }

  /**
   * The store budget from {@code WEFT_STORE_MAX} ("20G", "none"...), else the default; a value that
   * is not a size is reported in the log and the default used.
   */
  static java.util.Optional<StoreBudget> storeBudget(String setting) {
    if (setting == null || setting.isBlank()) {
      return java.util.Optional.of(StoreBudget.DEFAULT);
    }
    try {
      return StoreBudget.parse(setting);
    } catch (IllegalArgumentException e) {
      org.slf4j.LoggerFactory.getLogger(WeftContext.class)
          .warn(
              "WEFT_STORE_MAX: {}; using {} bytes", e.getMessage(), StoreBudget.DEFAULT.maxBytes());
      return java.util.Optional.of(StoreBudget.DEFAULT);
    }
  }

  /** The services every {@link ServiceContributor} on the class path adds, in order. */
  public static Services contributedServices(PlatformDirs dirs, ClassLoader loader) {
    return contributedServices(
        Services.builder().put(PlatformDirs.class, dirs).build(), dirs, loader);
  }

  private static Services contributedServices(
      Services base, PlatformDirs dirs, ClassLoader loader) {
    List<ServiceContributor> contributors =
        ServiceLoader.load(ServiceContributor.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(ServiceContributor::order))
            .toList();
    Services services = base;
    for (ServiceContributor c : contributors) {
      Services.Builder b = services.toBuilder();
      c.contribute(b, services, dirs);
      services = b.build();
    }
    return services;
  }

  public PlatformDirs dirs() {
    return dirs;
  }

  public NodeCatalog catalog() {
    return catalog;
  }

  public Services services() {
    return services;
  }

  public PipelineFormat format() {
    return format;
  }

  public Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }
}
