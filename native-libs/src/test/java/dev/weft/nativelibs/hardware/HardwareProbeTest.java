package dev.weft.nativelibs.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProbeTest {
  private static final String SMI_CSV =
      "0, NVIDIA GeForce RTX 4090, 24564, 23010, 550.54.14\n"
          + "1, NVIDIA RTX A2000 12GB, 12282, [N/A], 550.54.14\n";
  private static final String SMI_BANNER =
      "| NVIDIA-SMI 550.54.14   Driver Version: 550.54.14   CUDA Version: 12.4     |";

  @TempDir Path proc;

  private void writeProc() throws IOException {
    Files.writeString(
        proc.resolve("cpuinfo"),
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6338\n");
    Files.writeString(
        proc.resolve("meminfo"),
        "MemTotal:       24576000 kB\nMemFree:  100 kB\nMemAvailable:   20480000 kB\n");
  }

  @Test
  void readsCpuModelAndMemoryFromProc() throws IOException {
    writeProc();
    HardwareProfile p = new HardwareProbe(cmd -> Optional.empty(), proc, "Linux", Map.of()).probe();
    assertThat(p.cpuModel()).isEqualTo("Intel(R) Xeon(R) Gold 6338");
    assertThat(p.totalRamBytes()).isEqualTo(24576000L * 1024);
    assertThat(p.availableRamBytes()).isEqualTo(20480000L * 1024);
    assertThat(p.logicalCores()).isPositive();
  }

  @Test
  void listsNvidiaGpusWithMemoryDriverAndCuda() throws IOException {
    writeProc();
    HardwareProbe.CommandRunner smi =
        cmd -> {
          if (!cmd.getFirst().equals("nvidia-smi")) {
            return Optional.empty();
          }
          return Optional.of(cmd.size() == 1 ? SMI_BANNER : SMI_CSV);
        };
    HardwareProfile p = new HardwareProbe(smi, proc, "Linux", Map.of()).probe();
    assertThat(p.gpus()).hasSize(2);
    GpuInfo g = p.gpus().getFirst();
    assertThat(g.name()).isEqualTo("NVIDIA GeForce RTX 4090");
    assertThat(g.vramTotalBytes()).isEqualTo(24564L << 20);
    assertThat(g.vramFreeBytes()).isEqualTo(23010L << 20);
    assertThat(g.driverVersion()).isEqualTo("550.54.14");
    assertThat(g.cudaVersion()).isEqualTo("12.4");
    assertThat(p.gpus().get(1).vramFreeBytes()).isZero(); // "[N/A]" is not a number
    assertThat(p.bestFreeVramBytes()).isEqualTo(23010L << 20);
  }

  @Test
  void machineWithoutNvidiaSmiHasNoGpuAndSaysWhy() throws IOException {
    writeProc();
    HardwareProfile p = new HardwareProbe(cmd -> Optional.empty(), proc, "Linux", Map.of()).probe();
    assertThat(p.gpus()).isEmpty();
    assertThat(p.notes()).anyMatch(n -> n.contains("nvidia-smi"));
    assertThat(p.describe()).contains("no NVIDIA GPU found");
  }

  @Test
  void directMlAndCoreMlAreNotReportedOnLinux() throws IOException {
    writeProc();
    HardwareProfile p = new HardwareProbe(cmd -> Optional.empty(), proc, "Linux", Map.of()).probe();
    assertThat(p.directMlAvailable()).isFalse();
    assertThat(p.coreMlAvailable()).isFalse();
  }

  @Test
  void unreadableNvidiaSmiLinesAreSkipped() {
    List<GpuInfo> gpus = HardwareProbe.parseNvidiaSmi("garbage\n0, GPU, x, 1, 1\n", null);
    assertThat(gpus).isEmpty();
  }

  @Test
  void thisMachineCanBeProbed() {
    HardwareProfile p = new HardwareProbe().probe();
    assertThat(p.logicalCores()).isPositive();
    assertThat(p.describe()).contains("CPU:");
  }
}
