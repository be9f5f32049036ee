package org.aquaticjava.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistinctTorrentsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void repeatedTorrentsCountOnce() {
    final DistinctTorrents distinct = new DistinctTorrents(600 * SECOND, 64, 9);
    int estimate = 0;
    for (int round = 0; round < 100; round++) {
      for (long torrent = 0; torrent < 10; torrent++) {
        estimate = distinct.add(1, torrent, ~torrent, 0, round * SECOND);
      }
    }
    assertThat(estimate).isBetween(8, 12);
  }

  @Test
  void estimatesManyDistinctTorrentsWithinItsError() {
    final SplittableRandom random = new SplittableRandom(4);
    for (int n : new int[] {100, 5_000, 100_000, 500_000}) {
      final DistinctTorrents distinct = new DistinctTorrents(600 * SECOND, 64, random.nextLong());
      int estimate = 0;
      for (int i = 0; i < n; i++) {
        estimate = distinct.add(1, random.nextLong(), random.nextLong(), 0, SECOND);
      }
      // 64 registers: standard error 13%; 3.5 standard errors keeps the test deterministic-safe.
      assertThat((double) estimate).isCloseTo(n, within(n * 0.45));
    }
  }

  @Test
  void aNewWindowStartsFromZero() {
    final DistinctTorrents distinct = new DistinctTorrents(60 * SECOND, 64, 9);
    for (long torrent = 0; torrent < 1000; torrent++) {
      distinct.add(1, torrent, torrent, 0, 0);
    }
    assertThat(distinct.add(1, 5, 5, 0, 60 * SECOND)).isEqualTo(1);
  }

  @Test
  void sourcesAreCountedApart() {
    final DistinctTorrents distinct = new DistinctTorrents(60 * SECOND, 64, 9);
    for (long torrent = 0; torrent < 1000; torrent++) {
      distinct.add(1, torrent, torrent, 0, 0);
    }
    assertThat(distinct.add(2, 1, 1, 0, 0)).isEqualTo(1);
  }

  @Test
  void hashesDifferingOnlyInTheirLastFourBytesAreDistinct() {
    final DistinctTorrents distinct = new DistinctTorrents(60 * SECOND, 64, 9);
    int estimate = 0;
    for (int c = 0; c < 100; c++) {
      estimate = distinct.add(1, 7, 7, c, 0);
    }
    assertThat(estimate).isBetween(70, 130);
  }
}
