package dev.weft.nativelibs.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what hardware this machine has. Reads the OS's own files and tools ({@code
 * /proc/cpuinfo}, {@code /proc/meminfo}, {@code sysctl}, {@code nvidia-smi}); every probe that
 * fails leaves a note instead of an error, because a missing GPU tool is normal.
 */
public final class HardwareProbe {
  private static final Logger LOG = LoggerFactory.getLogger(HardwareProbe.class);
  private static final Pattern CUDA_VERSION = Pattern.compile("CUDA Version:\\s*([0-9.]+)");

  /** Runs a command and returns its standard output, or empty when it cannot run or fails. */
  @FunctionalInterface
  public interface CommandRunner {
    Optional<String> run(List<String> command);
  }

  private final CommandRunner commands;
  private final Path procRoot;
  private final String osName;
  private final Map<String, String> env;

  /** A probe of this machine. */
  public HardwareProbe() {
    this(
        HardwareProbe::runCommand,
        Path.of("/proc"),
        System.getProperty("os.name", ""),
        System.getenv());
  }

  /** A probe with its sources given (tests feed recorded tool output). */
  public HardwareProbe(
      CommandRunner commands, Path procRoot, String osName, Map<String, String> env) {
    this.commands = commands;
    this.procRoot = procRoot;
    this.osName = osName;
    this.env = Map.copyOf(env);
  }

  public HardwareProfile probe() {
    List<String> notes = new ArrayList<>();
    String os = osName.toLowerCase(Locale.ROOT);
    boolean windows = os.startsWith("windows");
    boolean mac = os.startsWith("mac") || os.startsWith("darwin");

    String cpu = cpuModel(mac, windows).orElse("unknown CPU");
    long[] ram = memory();
    List<GpuInfo> gpus = nvidiaGpus(notes);
    boolean directMl = windows && directMlPresent();
    boolean coreMl =
        mac && Files.isDirectory(Path.of("/System/Library/Frameworks/CoreML.framework"));
    return new HardwareProfile(
        osName,
        System.getProperty("os.version", ""),
        System.getProperty("os.arch", ""),
        cpu,
        Runtime.getRuntime().availableProcessors(),
        ram[0],
        ram[1],
        gpus,
        directMl,
        coreMl,
        notes);
  }

  private Optional<String> cpuModel(boolean mac, boolean windows) {
    if (mac) {
      return commands.run(List.of("sysctl", "-n", "machdep.cpu.brand_string")).map(String::strip);
    }
    if (windows) {
      return Optional.ofNullable(env.get("PROCESSOR_IDENTIFIER"));
    }
    Path cpuinfo = procRoot.resolve("cpuinfo");
    try {
      for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
        // x86 says "model name", many ARM kernels only "Model" or "Hardware".
        if (line.startsWith("model name")
            || line.startsWith("Model")
            || line.startsWith("Hardware")) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            return Optional.of(line.substring(colon + 1).strip());
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot read {}: {}", cpuinfo, e.toString());
    }
    return Optional.empty();
  }

  /** {total, available} in bytes. */
  private long[] memory() {
    Path meminfo = procRoot.resolve("meminfo");
    if (Files.isReadable(meminfo)) {
      try {
        long total = 0;
        long available = 0;
        for (String line : Files.readAllLines(meminfo, StandardCharsets.UTF_8)) {
          if (line.startsWith("MemTotal:")) {
            total = kib(line);
          } else if (line.startsWith("MemAvailable:")) {
            available = kib(line);
          }
        }
        if (total > 0) {
          return new long[] {total, available};
        }
      } catch (IOException | NumberFormatException e) {
        LOG.debug("cannot read {}: {}", meminfo, e.toString());
      }
    }
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return new long[] {os.getTotalMemorySize(), os.getFreeMemorySize()};
    }
    return new long[] {0, 0};
  }

  private static long kib(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]) * 1024;
  }

  private List<GpuInfo> nvidiaGpus(List<String> notes) {
    Optional<String> csv =
        commands.run(
            List.of(
                "nvidia-smi",
                "--query-gpu=index,name,memory.total,memory.free,driver_version",
                "--format=csv,noheader,nounits"));
    if (csv.isEmpty()) {
      notes.add("nvidia-smi not found or failed: no NVIDIA GPU is used");
      return List.of();
    }
    String cuda =
        commands.run(List.of("nvidia-smi")).flatMap(HardwareProbe::cudaVersion).orElse(null);
    List<GpuInfo> gpus = parseNvidiaSmi(csv.get(), cuda);
    if (gpus.isEmpty()) {
      notes.add("nvidia-smi ran but listed no GPU");
    }
    return gpus;
  }

  /**
   * Parses {@code nvidia-smi --query-gpu=index,name,memory.total,memory.free,driver_version
   * --format=csv,noheader,nounits} (memory in MiB).
   */
  static List<GpuInfo> parseNvidiaSmi(String csv, String cudaVersion) {
    List<GpuInfo> out = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length < 5) {
        LOG.warn("nvidia-smi printed a line Weft cannot read: '{}'", line);
        continue;
      }
      try {
        out.add(
            new GpuInfo(
                Integer.parseInt(f[0].strip()),
                f[1].strip(),
                mib(f[2]),
                mib(f[3]),
                f[4].strip(),
                cudaVersion));
      } catch (NumberFormatException e) {
        LOG.warn("nvidia-smi printed a line Weft cannot read: '{}' ({})", line, e.getMessage());
      }
    }
    return out;
  }

  private static long mib(String s) {
    String v = s.strip();
    return v.startsWith("[") ? 0 : Long.parseLong(v) * 1024 * 1024;
  }

  static Optional<String> cudaVersion(String nvidiaSmiBanner) {
    Matcher m = CUDA_VERSION.matcher(nvidiaSmiBanner);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private boolean directMlPresent() {
    String root = env.getOrDefault("SystemRoot", "C:\\Windows");
    return Files.exists(Path.of(root, "System32", "DirectML.dll"))
        || Files.exists(Path.of(root, "System32", "d3d12.dll"));
  }

  private static Optional<String> runCommand(List<String> command) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(false).start();
    } catch (IOException e) {
      return Optional.empty(); // the tool is not installed
    }
    try (InputStream out = p.getInputStream();
        InputStream err = p.getErrorStream()) {
      p.getOutputStream().close();
      byte[] bytes = out.readAllBytes();
      err.readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        LOG.warn("{} did not finish within 10 s; ignored", String.join(" ", command));
        return Optional.empty();
      }
      return p.exitValue() == 0
          ? Optional.of(new String(bytes, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      LOG.debug("{} failed: {}", command, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return Optional.empty();
    }
  }
}
