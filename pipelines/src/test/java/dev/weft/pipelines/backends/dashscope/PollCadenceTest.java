package dev.weft.pipelines.backends.dashscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollCadenceTest {
  @Test
  void sdkCadenceStartsAtOneSecondDoublesEveryThreePollsAndCapsAtFive() {
    PollCadence c = PollCadence.sdk();
    assertThat(IntStream.rangeClosed(1, 12).mapToLong(i -> c.waitAfter(i).toSeconds()).toArray())
        .containsExactly(1, 1, 1, 2, 2, 2, 4, 4, 4, 5, 5, 5);
  }

  @Test
  void veryLatePollsStayAtTheCap() {
    assertThat(PollCadence.sdk().waitAfter(10_000).toSeconds()).isEqualTo(5);
  }
}
