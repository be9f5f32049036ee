package org.aquaticjava.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerClockTest {
  private long nanos = 123_456_789_000L; // an arbitrary non-zero origin, like nanoTime's

  private final ServerClock clock = new ServerClock(() -> nanos);

  @Test
  void startsAtZero() {
    assertThat(clock.secondsSinceStart()).isZero();
    assertThat(clock.nanosSinceStart()).isZero();
  }

  @Test
  void aContinuedClockStartsAtItsReadingAndCountsOnFromThere() {
    final ServerClock continued = new ServerClock(() -> nanos, 5_000);
    assertThat(continued.secondsSinceStart()).isEqualTo(5_000);
    nanos += 2_000_000_000L;
    assertThat(continued.secondsSinceStart()).isEqualTo(5_002);
    assertThat(continued.nanosSinceStart()).isEqualTo(5_002_000_000_000L);
  }

  @Test
  void countsWholeSecondsRoundingDown() {
    nanos += 999_999_999L;
    assertThat(clock.secondsSinceStart()).isZero();
    nanos += 1;
    assertThat(clock.secondsSinceStart()).isEqualTo(1);
    nanos += 3_600_500_000_000L;
    assertThat(clock.secondsSinceStart()).isEqualTo(3_601);
  }

  @Test
  void neverGoesNegativeWhenTheSourceStepsBack() {
    nanos -= 5_000_000_000L;
    assertThat(clock.secondsSinceStart()).isZero();
    assertThat(clock.nanosSinceStart()).isZero();
  }

  @Test
  void saturatesInsteadOfWrapping() {
    nanos += 100L * 365 * 24 * 3600 * 1_000_000_000L; // a century
    assertThat(clock.secondsSinceStart()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void systemClockAdvancesMonotonically() {
    final ServerClock real = ServerClock.startingNow();
    final long first = real.nanosSinceStart();
    assertThat(real.nanosSinceStart()).isGreaterThanOrEqualTo(first);
    assertThat(real.secondsSinceStart()).isGreaterThanOrEqualTo(0);
  }
}
