package dev.weft.pipelines.backends.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = RetryPolicy.standard();
  private final SplittableRandom random = new SplittableRandom(1);

  private static RetryPolicy.ErrorStatus status(int s, String code) {
    return new RetryPolicy.ErrorStatus(s, code, null);
  }

  @Test
  void throttlingBacksOffExponentiallyWithJitterWithinEachStep() {
    long[] steps = {1000, 2000, 4000, 8000, 16000};
    for (int retry = 1; retry <= 5; retry++) {
      Duration d =
          policy
              .delayBefore(retry, status(429, "Throttling.RateQuota"), CallKind.READ, random)
              .orElseThrow();
      assertThat(d.toMillis()).isBetween(steps[retry - 1] / 2, steps[retry - 1]);
    }
  }

  @Test
  void jitterSpreadsTheDelays() {
    var distinct = new java.util.HashSet<Long>();
    for (int i = 0; i < 20; i++) {
      distinct.add(
          policy
              .delayBefore(3, status(429, "Throttling"), CallKind.READ, random)
              .orElseThrow()
              .toMillis());
    }
    assertThat(distinct.size()).isGreaterThan(5);
  }

  @Test
  void throttlingGivesUpAfterFiveRetries() {
    assertThat(policy.delayBefore(6, status(429, "Throttling"), CallKind.READ, random)).isEmpty();
  }

  @Test
  void retryAfterLongerThanTheBackoffIsHonoured() {
    var f = new RetryPolicy.ErrorStatus(429, "Throttling", Duration.ofSeconds(7));
    assertThat(policy.delayBefore(1, f, CallKind.READ, random)).contains(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterBeyondTheLimitFailsAtOnce() {
    var f = new RetryPolicy.ErrorStatus(429, "Throttling", Duration.ofMinutes(10));
    assertThat(policy.delayBefore(1, f, CallKind.READ, random)).isEmpty();
  }

  @Test
  void exhaustedAllocationQuotaIsNotRetried() {
    assertThat(
            policy.delayBefore(1, status(429, "Throttling.AllocationQuota"), CallKind.READ, random))
        .isEmpty();
  }

  @Test
  void internalErrorsAreRetriedTwice() {
    assertThat(policy.delayBefore(2, status(500, "InternalError"), CallKind.GENERATE, random))
        .isPresent();
    assertThat(policy.delayBefore(3, status(500, "InternalError"), CallKind.GENERATE, random))
        .isEmpty();
  }

  @Test
  void unavailableIsRetriedThreeTimes() {
    assertThat(policy.delayBefore(3, status(503, null), CallKind.READ, random)).isPresent();
    assertThat(policy.delayBefore(4, status(504, null), CallKind.READ, random)).isEmpty();
  }

  @Test
  void badRequestsBadKeysAndModerationAreNeverRetried() {
    assertThat(policy.delayBefore(1, status(400, "InvalidParameter"), CallKind.READ, random))
        .isEmpty();
    assertThat(policy.delayBefore(1, status(401, "InvalidApiKey"), CallKind.READ, random))
        .isEmpty();
    assertThat(policy.delayBefore(1, status(400, "DataInspectionFailed"), CallKind.READ, random))
        .isEmpty();
  }

  @Test
  void taskCreationIsNotResentOnceTheRequestMayHaveArrived() {
    assertThat(policy.delayBefore(1, new RetryPolicy.Transport(true), CallKind.CREATE_TASK, random))
        .isEmpty();
  }

  @Test
  void taskCreationIsRetriedWhenTheConnectionNeverOpened() {
    assertThat(
            policy.delayBefore(1, new RetryPolicy.Transport(false), CallKind.CREATE_TASK, random))
        .isPresent();
  }

  @Test
  void throttledTaskCreationIsRetriedBecauseNoTaskWasMade() {
    assertThat(policy.delayBefore(1, status(429, "Throttling"), CallKind.CREATE_TASK, random))
        .isPresent();
  }
}
