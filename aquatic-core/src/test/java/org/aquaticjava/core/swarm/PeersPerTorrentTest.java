package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

class PeersPerTorrentTest {
  @Test
  void reportsExactPercentilesForSmallCounts() {
    final IntCountsHistogram h = new IntCountsHistogram(2);
    for (int v = 1; v <= 100; v++) {
      h.recordValue(v);
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
  void reportsLargeCountsWithinOnePercent() {
    final IntCountsHistogram h = new IntCountsHistogram(2);
    h.recordValue(3);
    h.recordValue(123_456);
    h.recordValue(50_000_000);
    final PeersPerTorrent p = PeersPerTorrent.of(h);
    assertThat(p.min()).isEqualTo(3);
    assertThat(p.p50()).isCloseTo(123_456, within(1_235));
    assertThat(p.max()).isCloseTo(50_000_000, within(500_000));
  }

  @Test
  void isAllZerosWhenEmptyAndMergesAcrossAccumulators() {
    final CleaningAccumulator a = new CleaningAccumulator();
    assertThat(a.report().ipv4().peersPerTorrent())
        .isEqualTo(new PeersPerTorrent(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    final CleaningAccumulator b = new CleaningAccumulator();
    b.ipv4.torrent(1, 2, 3, 7, 1);
    b.ipv4.torrent(4, 5, 6, 9, 0);
    a.ipv4.torrent(7, 8, 9, 1, 1);
    a.add(b);
    final PeersPerTorrent p = a.report().ipv4().peersPerTorrent();
    assertThat(p.min()).isEqualTo(1);
    assertThat(p.p50()).isEqualTo(7);
    assertThat(p.max()).isEqualTo(9);
  }
}
