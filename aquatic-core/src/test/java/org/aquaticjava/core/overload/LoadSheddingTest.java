package org.aquaticjava.core.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.junit.jupiter.api.Test;

class LoadSheddingTest {
  private static final long MS = 1_000_000L;
  /** 100 ms windows, 50 ms lag, 50 % full reads, 3 saturated in a row start, 4 calm end. */
  private static final OverloadConfig CONFIG = new OverloadConfig(true, 100, 50, 50, 3, 4, 2, 300);

  private static LoadShedding shedding(OverloadConfig config) {
    return new OverloadMetrics(new TrackerMetrics(), "udp").worker(0, config, 900, 1800, 16);
  }

  @Test
  void startsAfterSaturatedWindowsInARowAndEndsAfterCalmOnes() {
    final LoadShedding s = shedding(CONFIG);
    s.probe(60 * MS);
    s.probe(60 * MS);
    s.probe(10 * MS); // one calm window resets the run
    s.probe(60 * MS);
    s.probe(60 * MS);
    assertThat(s.shedding()).isFalse();
    assertThat(s.announceInterval()).isEqualTo(900);
    s.probe(50 * MS);
    assertThat(s.shedding()).isTrue();
    assertThat(s.announceInterval()).isEqualTo(1620); // 2 x 900, kept below 9/10 of 1800

    s.probe(30 * MS); // below the threshold but not below half: not calm
    s.probe(0);
    s.probe(0);
    s.probe(0);
    assertThat(s.shedding()).isTrue();
    s.probe(0);
    assertThat(s.shedding()).isFalse();
    assertThat(s.announceInterval()).isEqualTo(900);
  }

  @Test
  void fullReadsSaturateAWindowOnlyWithEnoughReads() {
    final LoadShedding s = shedding(new OverloadConfig(true, 100, 50, 50, 1, 1, 2, 300));
    for (int i = 0; i < LoadShedding.MIN_READS - 1; i++) {
      s.readCycle(64);
    }
    s.probe(0);
    assertThat(s.shedding()).isFalse();
    for (int i = 0; i < 10; i++) {
      s.readCycle(64);
      s.readCycle(1);
    }
    s.probe(0);
    assertThat(s.lastFullReadsPercent()).isEqualTo(50);
    assertThat(s.shedding()).isTrue();
    for (int i = 0; i < 20; i++) {
      s.readCycle(i % 5 == 0 ? 16 : 3); // 20 % full: under half of 50 %
    }
    s.probe(0);
    assertThat(s.shedding()).isFalse();
  }

  @Test
  void theLatestWindowsFullReadsAreAGaugeForWorkersWhoseReadsCount() {
    final TrackerMetrics metrics = new TrackerMetrics();
    final OverloadMetrics overload = new OverloadMetrics(metrics, "udp");
    final LoadShedding udp = overload.worker(0, CONFIG, 900, 1800, 64);
    overload.worker(1, CONFIG, 900, 1800, LoadShedding.NO_READS);
    for (int i = 0; i < 40; i++) {
      udp.readCycle(i % 4 == 0 ? 64 : 2);
    }
    udp.probe(0);
    assertThat(PrometheusTextFormatWriter.create().toDebugString(metrics.registry().scrape()))
        .contains("aquatic_overload_full_reads_percent{protocol=\"udp\",worker_index=\"0\"} 25.0")
        .doesNotContain("aquatic_overload_full_reads_percent{protocol=\"udp\",worker_index=\"1\"}");
  }

  @Test
  void neverShedsWhenDisabled() {
    final LoadShedding s = shedding(new OverloadConfig(false, 100, 1, 1, 1, 1, 2, 300));
    s.probe(1_000 * MS);
    assertThat(s.shedding()).isFalse();
    assertThat(s.lastLagNanos()).isEqualTo(1_000 * MS);
  }

  @Test
  void theRaisedIntervalStaysBelowThePeerExpiryAndNeverFallsBelowTheInterval() {
    assertThat(CONFIG.raisedInterval(900, 1200)).isEqualTo(1080);
    assertThat(CONFIG.raisedInterval(100, 10_000)).isEqualTo(200);
    assertThat(CONFIG.raisedInterval(900, 900)).isEqualTo(900);
  }
}
