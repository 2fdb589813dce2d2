package dev.weft.nativelibs.hardware;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What this machine offers for local inference: operating system, CPU, cores, memory, NVIDIA GPUs,
 * and whether DirectML (Windows) or CoreML (macOS) could be used. Detected, never required.
 */
public record HardwareProfile(
    String osName,
    String osVersion,
    String arch,
    String cpuModel,
    int logicalCores,
    long totalRamBytes,
    long availableRamBytes,
    List<GpuInfo> gpus,
    boolean directMlAvailable,
    boolean coreMlAvailable,
    List<String> notes) {

  public HardwareProfile {
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(cpuModel, "cpuModel");
    gpus = List.copyOf(gpus);
    notes = List.copyOf(notes);
  }

  public boolean hasNvidiaGpu() {
    return !gpus.isEmpty();
  }

  /** The largest free VRAM over all GPUs, or 0 without one. */
  public long bestFreeVramBytes() {
    return gpus.stream().mapToLong(GpuInfo::vramFreeBytes).max().orElse(0);
  }

  /** A few lines for {@code weft doctor} and logs. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "OS:     %s %s (%s)%n", osName, osVersion, arch));
    sb.append(String.format(Locale.ROOT, "CPU:    %s, %d logical cores%n", cpuModel, logicalCores));
    sb.append(
        String.format(
            Locale.ROOT,
            "RAM:    %s total, %s available%n",
            gib(totalRamBytes),
            gib(availableRamBytes)));
    if (gpus.isEmpty()) {
      sb.append("GPU:    no NVIDIA GPU found\n");
    }
    for (GpuInfo g : gpus) {
      sb.append(
          String.format(
              Locale.ROOT,
              "GPU %d:  %s, %s VRAM (%s free), driver %s, CUDA %s%n",
              g.index(),
              g.name(),
              gib(g.vramTotalBytes()),
              gib(g.vramFreeBytes()),
              g.driverVersion() == null ? "?" : g.driverVersion(),
              g.cudaVersion() == null ? "?" : g.cudaVersion()));
    }
    sb.append("DirectML: ").append(directMlAvailable ? "available" : "not available").append('\n');
    sb.append("CoreML:   ").append(coreMlAvailable ? "available" : "not available").append('\n');
    for (String n : notes) {
      sb.append("note:   ").append(n).append('\n');
    }
    return sb.toString();
  }

  static String gib(long bytes) {
    return bytes <= 0 ? "?" : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }
}
