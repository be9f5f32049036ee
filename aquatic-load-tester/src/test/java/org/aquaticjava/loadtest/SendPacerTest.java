package org.aquaticjava.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendPacerTest {
  @Test
  void workersInterleaveOnAFixedSchedule() {
    // 1000 req/s over 2 workers: worker 1 sends at 1 ms, 3 ms, 5 ms after the start.
    final SendPacer pacer = SendPacer.openLoop(1000, 2, 1, 10_000_000);
    assertThat(pacer.isDue(10_999_999)).isFalse();
    assertThat(pacer.nanosUntilDue(10_000_000)).isEqualTo(1_000_000);
    assertThat(pacer.isDue(11_000_000)).isTrue();
    assertThat(pacer.take(50_000_000)).isEqualTo(11_000_000);
    assertThat(pacer.take(50_000_000)).isEqualTo(13_000_000);
    assertThat(pacer.take(50_000_000)).isEqualTo(15_000_000);
  }

  @Test
  void scheduledTimeDoesNotSlipWhenSendingLate() {
    final SendPacer pacer = SendPacer.openLoop(100, 1, 0, 0);
    for (int i = 0; i < 5; i++) {
      // Sent a full second late each time, yet measured from the schedule.
      assertThat(pacer.take(2_000_000_000L)).isEqualTo(i * 10_000_000L);
    }
  }

  @Test
  void closedLoopIsAlwaysDueAndMeasuresFromNow() {
    final SendPacer pacer = SendPacer.closedLoop();
    assertThat(pacer.isDue(Long.MIN_VALUE)).isTrue();
    assertThat(pacer.nanosUntilDue(5)).isZero();
    assertThat(pacer.take(123)).isEqualTo(123);
  }
}
