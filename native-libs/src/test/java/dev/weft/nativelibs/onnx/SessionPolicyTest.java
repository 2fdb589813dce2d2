package dev.weft.nativelibs.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {
  @Test
  void defaultOrderIsCudaDirectMlCoreMlCpu() {
    assertThat(SessionPolicy.defaults().providers())
        .containsExactly(
            ExecutionProvider.CUDA,
            ExecutionProvider.DIRECTML,
            ExecutionProvider.COREML,
            ExecutionProvider.CPU);
  }

  @Test
  void emptyProviderListIsRejected() {
    assertThatThrownBy(() -> SessionPolicy.defaults().withProviders(List.of()))
        .hasMessageContaining("at least one execution provider");
  }

  @Test
  void negativeThreadCountIsRejected() {
    assertThatThrownBy(() -> SessionPolicy.defaults().withThreads(-1, 0))
        .hasMessageContaining("intra=-1");
  }
}
