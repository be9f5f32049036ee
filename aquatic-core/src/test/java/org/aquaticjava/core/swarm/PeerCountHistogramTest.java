package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerCountHistogramTest {
  @Test
  void reportsExactPercentilesForSmallCounts() {
    final PeerCountHistogram h = new PeerCountHistogram();
    for (int v = 1; v <= 100; v++) {
      h.record(v);
    }
    final PeersPerTorrent p = PeersPerTorrent.of(h);
    assertThat(p.min()).isEqualTo(1);
    assertThat(p.p10()).isEqualTo(10);
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p95()).isEqualTo(95);
    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.p999()).isEqualTo(100);
    assertThat(p.max()).isEqualTo(100);
  }

  @Test
  void bucketsLargeCountsWithinTwoPercent() {
    for (int v = 0; v > -1 && v < Integer.MAX_VALUE - 1000; v = v < 1000 ? v + 1 : v + v / 7) {
      final int low = PeerCountHistogram.lowestValueOf(PeerCountHistogram.bucketOf(v));
      assertThat(low).isLessThanOrEqualTo(v).isGreaterThanOrEqualTo((int) (v * 0.984));
    }
  }

  @Test
  void mergesAndReportsZerosWhenEmpty() {
    final PeerCountHistogram a = new PeerCountHistogram();
    assertThat(PeersPerTorrent.of(a)).isEqualTo(new PeersPerTorrent(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    final PeerCountHistogram b = new PeerCountHistogram();
    b.record(7);
    b.record(1_000_000);
    a.add(b);
    assertThat(a.min()).isEqualTo(7);
    assertThat(a.max()).isEqualTo(1_000_000);
    assertThat(a.quantile(0.5)).isEqualTo(7);
  }
}
