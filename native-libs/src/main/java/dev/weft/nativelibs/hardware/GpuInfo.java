package dev.weft.nativelibs.hardware;

import java.util.Objects;
import java.util.Optional;

/**
 * One NVIDIA GPU as the driver reports it: name, memory in bytes (total and free at the time of the
 * probe), driver version and the highest CUDA version that driver supports.
 */
public record GpuInfo(
    int index,
    String name,
    long vramTotalBytes,
    long vramFreeBytes,
    String driverVersion,
    String cudaVersion) {

  public GpuInfo {
    Objects.requireNonNull(name, "name");
  }

  public Optional<String> cuda() {
    return Optional.ofNullable(cudaVersion);
  }
}
