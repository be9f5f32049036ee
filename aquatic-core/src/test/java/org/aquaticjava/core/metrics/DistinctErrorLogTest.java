package org.aquaticjava.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class DistinctErrorLogTest {
  private enum Reason {
    TOO_SHORT,
    UNKNOWN_ACTION
  }

  private static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.1", 6881);

  private long nanos;
  private final DistinctErrorLog<Reason> errors =
      new DistinctErrorLog<>(
          Reason.class,
          LoggerFactory.getLogger(DistinctErrorLogTest.class),
          Level.WARN,
          "socket-01",
          Duration.ofSeconds(10),
          () -> nanos);

  @Test
  void logsTheFirstOccurrenceAtOnceAndRepeatsAtMostOncePerWindow() {
    assertThat(errors.record(Reason.TOO_SHORT, SOURCE)).isTrue();
    for (int i = 0; i < 1000; i++) {
      nanos += 1_000_000; // 1 s in total, well inside the window
      assertThat(errors.record(Reason.TOO_SHORT, SOURCE)).isFalse();
    }
    nanos += Duration.ofSeconds(10).toNanos();
    assertThat(errors.record(Reason.TOO_SHORT, SOURCE)).isTrue();
    assertThat(errors.record(Reason.TOO_SHORT, SOURCE)).isFalse();
    assertThat(errors.count(Reason.TOO_SHORT)).isEqualTo(1003);
  }

  @Test
  void tracksEachReasonSeparately() {
    assertThat(errors.record(Reason.TOO_SHORT, SOURCE)).isTrue();
    assertThat(errors.record(Reason.UNKNOWN_ACTION, null)).isTrue();
    assertThat(errors.record(Reason.UNKNOWN_ACTION, null)).isFalse();
    assertThat(errors.count(Reason.TOO_SHORT)).isEqualTo(1);
    assertThat(errors.count(Reason.UNKNOWN_ACTION)).isEqualTo(2);
  }

  @Test
  void countsButNeverLogsWhenTheLevelIsDisabled() {
    final DistinctErrorLog<Reason> quiet =
        new DistinctErrorLog<>(
            Reason.class,
            LoggerFactory.getLogger(DistinctErrorLogTest.class),
            Level.TRACE, // slf4j-simple's default level is INFO
            "socket-01",
            Duration.ZERO,
            () -> nanos);
    assertThat(quiet.record(Reason.TOO_SHORT, SOURCE)).isFalse();
    assertThat(quiet.count(Reason.TOO_SHORT)).isEqualTo(1);
  }
}
