package org.aquaticjava.loadtest;

import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^exponent} (a
 * Zipf law: rank 0 is the most popular). Sampling is O(1) with Vose's alias method, the same
 * technique as aquatic's {@code WeightedAliasIndex}, and allocates nothing.
 *
 * <p>Immutable after construction and safe to share between threads; each caller passes its own
 * random source.
 */
public final class ZipfSampler {
  private final double[] acceptProbability;
  private final int[] alias;

  /**
   * Builds the alias table.
   *
   * @param n number of ranks, at least 1
   * @param exponent Zipf exponent, at least 0; 0 is uniform, 1 is the classic Zipf law, larger
   *     values concentrate more weight on the head
   */
  public ZipfSampler(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    if (!(exponent >= 0) || Double.isInfinite(exponent)) {
      throw new IllegalArgumentException("exponent must be finite and >= 0: " + exponent);
    }
    final double[] scaled = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = Math.pow(i + 1.0, -exponent);
      total += scaled[i];
    }
    for (int i = 0; i < n; i++) {
      scaled[i] = scaled[i] * n / total;
    }
    acceptProbability = new double[n];
    alias = new int[n];
    buildAliasTable(scaled);
  }

  /** Vose's method: pair each under-full column with an over-full one. */
  private void buildAliasTable(double[] scaled) {
    final int n = scaled.length;
    final int[] small = new int[n];
    final int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int i = n - 1; i >= 0; i--) {
      if (scaled[i] < 1.0) {
        small[smallCount++] = i;
      } else {
        large[largeCount++] = i;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      final int less = small[--smallCount];
      final int more = large[--largeCount];
      acceptProbability[less] = scaled[less];
      alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1.0;
      if (scaled[more] < 1.0) {
        small[smallCount++] = more;
      } else {
        large[largeCount++] = more;
      }
    }
    // Leftovers are exactly full up to rounding error.
    while (largeCount > 0) {
      final int i = large[--largeCount];
      acceptProbability[i] = 1.0;
      alias[i] = i;
    }
    while (smallCount > 0) {
      final int i = small[--smallCount];
      acceptProbability[i] = 1.0;
      alias[i] = i;
    }
  }

  /** Number of ranks. */
  public int size() {
    return alias.length;
  }

  /** Draws one rank. Allocation-free. */
  public int sample(SplittableRandom random) {
    final int column = random.nextInt(alias.length);
    return random.nextDouble() < acceptProbability[column] ? column : alias[column];
  }
}
