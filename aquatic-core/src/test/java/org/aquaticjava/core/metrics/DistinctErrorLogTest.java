package org.aquaticjava.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
  void aCauseIsLoggedOnTheLineWithTheSourceNeverInPlaceOfIt() {
    // slf4j-simple looks System.err up for every line (the testkit's StderrCapture does this for
    // the modules above core).
    final PrintStream stderr = System.err;
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(errors.record(Reason.TOO_SHORT, SOURCE, new IOException("Connection reset"))).isTrue();
      assertThat(errors.record(Reason.UNKNOWN_ACTION, null, new IllegalStateException("boom"))).isTrue();
      final List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines)
          .hasSize(2) // no stack trace lines
          .noneMatch(line -> line.contains("{}"));
      assertThat(lines.get(0))
          .endsWith("TOO_SHORT: 1 so far on socket-01 (1 since the last report), latest from "
              + SOURCE + ": java.io.IOException: Connection reset");
      assertThat(lines.get(1)).endsWith("latest: java.lang.IllegalStateException: boom");
    } finally {
      System.setErr(stderr);
    }
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
