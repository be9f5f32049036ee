package org.aquaticjava.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
  private static final int DRAWS = 1_000_000;

  private static long[] histogram(ZipfSampler sampler, long seed) {
    final long[] counts = new long[sampler.size()];
    final SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < DRAWS; i++) {
      counts[sampler.sample(random)]++;
    }
    return counts;
  }

  @Test
  void sameSeedGivesSameSequence() {
    final ZipfSampler sampler = new ZipfSampler(1000, 1.0);
    final SplittableRandom a = new SplittableRandom(7);
    final SplittableRandom b = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      assertThat(sampler.sample(a)).isEqualTo(sampler.sample(b));
    }
  }

  @Test
  void headFollowsZipfLaw() {
    final int n = 10_000;
    final long[] counts = histogram(new ZipfSampler(n, 1.0), 42);
    double harmonic = 0;
    for (int i = 1; i <= n; i++) {
      harmonic += 1.0 / i;
    }
    // Rank r has probability 1 / (r * H_n): about 10.2% for rank 1 of 10000.
    assertThat(counts[0] / (double) DRAWS).isCloseTo(1 / harmonic, within(0.003));
    assertThat(counts[0] / (double) counts[1]).isCloseTo(2.0, within(0.1));
    assertThat(counts[0] / (double) counts[9]).isCloseTo(10.0, within(0.6));
    long top100 = 0;
    for (int i = 0; i < 100; i++) {
      top100 += counts[i];
    }
    // The top 1% of torrents get about half the requests (H_100 / H_10000 = 0.53).
    assertThat(top100 / (double) DRAWS).isCloseTo(0.53, within(0.01));
  }

  @Test
  void exponentZeroIsUniform() {
    final long[] counts = histogram(new ZipfSampler(10, 0), 1);
    for (final long count : counts) {
      assertThat(count / (double) DRAWS).isCloseTo(0.1, within(0.003));
    }
  }

  @Test
  void steeperExponentConcentratesTheHead() {
    final long[] gentle = histogram(new ZipfSampler(1000, 0.8), 3);
    final long[] steep = histogram(new ZipfSampler(1000, 1.5), 3);
    assertThat(steep[0]).isGreaterThan(gentle[0] * 2);
  }

  @Test
  void everyRankIsReachable() {
    final long[] counts = histogram(new ZipfSampler(50, 0.5), 9);
    assertThat(counts).doesNotContain(0L);
  }

  @Test
  void refusesBadParameters() {
    assertThatThrownBy(() -> new ZipfSampler(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ZipfSampler(10, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ZipfSampler(10, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
