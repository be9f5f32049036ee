package org.aquaticjava.core.swarm;

/**
 * Histogram of peers per torrent for the cleaning statistics: exact below 128, above that
 * log-linear with 64 sub-buckets per power of two (values reported at most 1.6% low). Fixed size
 * (about 13 KiB), recording is two shifts and an increment. Single-threaded.
 */
final class PeerCountHistogram {
  private static final int EXACT = 128;
  private static final int SUB_BITS = 6;
  private static final int SUB_BUCKETS = 1 << SUB_BITS;
  private static final int EXACT_BITS = 7;
  private static final int BUCKETS = EXACT + (31 - EXACT_BITS) * SUB_BUCKETS;

  private final long[] buckets = new long[BUCKETS];
  private long total;
  private int min = Integer.MAX_VALUE;
  private int max;

  void record(int value) {
    buckets[bucketOf(value)]++;
    total++;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  void add(PeerCountHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      buckets[i] += other.buckets[i];
    }
    total += other.total;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  /** The smallest recorded value (0 if empty). */
  int min() {
    return total == 0 ? 0 : min;
  }

  /** The largest recorded value (0 if empty). */
  int max() {
    return max;
  }

  /**
   * The value at quantile {@code q} in [0, 1]: the (lower bound of the bucket of the) smallest
   * value such that at least {@code q} of the recorded values are at most it; 0 if empty.
   */
  int quantile(double q) {
    if (total == 0) {
      return 0;
    }
    final long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return Math.max(min, Math.min(max, lowestValueOf(i)));
      }
    }
    return max;
  }

  static int bucketOf(int value) {
    if (value < EXACT) {
      return value;
    }
    final int exponent = 31 - Integer.numberOfLeadingZeros(value);
    final int sub = (value >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
    return EXACT + (exponent - EXACT_BITS) * SUB_BUCKETS + sub;
  }

  static int lowestValueOf(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    final int exponent = (bucket - EXACT) / SUB_BUCKETS + EXACT_BITS;
    final int sub = (bucket - EXACT) % SUB_BUCKETS;
    return (1 << exponent) | (sub << (exponent - SUB_BITS));
  }
}
