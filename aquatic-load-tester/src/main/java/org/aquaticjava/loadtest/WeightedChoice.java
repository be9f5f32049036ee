package org.aquaticjava.loadtest;

import java.util.SplittableRandom;

/**
 * Picks an option index with probability proportional to integer weights, e.g. the request mix
 * (connect : announce : scrape). Immutable and safe to share; allocation-free per pick.
 */
public final class WeightedChoice {
  private final int[] cumulative;

  /**
   * @param weights one non-negative weight per option; at least one must be positive
   */
  public WeightedChoice(int... weights) {
    cumulative = new int[weights.length];
    long total = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0) {
        throw new IllegalArgumentException("negative weight at " + i + ": " + weights[i]);
      }
      total += weights[i];
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("weights sum to more than " + Integer.MAX_VALUE);
      }
      cumulative[i] = (int) total;
    }
    if (total == 0) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
  }

  /** Draws an option index. */
  public int pick(SplittableRandom random) {
    final int x = random.nextInt(cumulative[cumulative.length - 1]);
    int i = 0;
    while (cumulative[i] <= x) {
      i++;
    }
    return i;
  }
}
