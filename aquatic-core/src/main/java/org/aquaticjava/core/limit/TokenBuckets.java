package org.aquaticjava.core.limit;

/**
 * One token bucket per source key in a {@link SourceTable}: a source may spend {@code burst}
 * tokens at once and earns one back every {@code nanosPerToken}. A bucket is one {@code long},
 * the time at which it is (or was) empty: tokens = (now − emptyAt) / nanosPerToken, at most
 * {@code burst}. That time is also the slot's rank, so eviction takes the fullest bucket of a set,
 * which is the one whose loss matters least; a source that is new or was evicted starts with a full
 * bucket.
 *
 * <p>Time is the caller's monotonic nanosecond reading. Single-threaded; allocation-free.
 */
final class TokenBuckets {
  private final SourceTable table;
  private final long nanosPerToken;
  private final long capacityNanos;

  /**
   * @param nanosPerToken time to earn one token, at least 1
   * @param burst tokens a full bucket holds, at least 1
   * @param entries sources tracked at most (the table's size)
   */
  TokenBuckets(long nanosPerToken, int burst, int entries) {
    if (nanosPerToken < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "a bucket needs a positive refill time and burst: " + nanosPerToken + ", " + burst);
    }
    this.table = new SourceTable(entries);
    this.nanosPerToken = nanosPerToken;
    // Saturates far below overflow: now − capacity must stay a valid long.
    this.capacityNanos =
        nanosPerToken > Long.MAX_VALUE / 4 / burst ? Long.MAX_VALUE / 4 : nanosPerToken * burst;
  }

  /** Buckets earning {@code ratePerSecond} tokens a second (at least 1). */
  static TokenBuckets perSecond(int ratePerSecond, int burst, int entries) {
    return new TokenBuckets(Math.max(1, 1_000_000_000L / ratePerSecond), burst, entries);
  }

  /** Takes one token from {@code key}'s bucket; false if it is empty. */
  boolean tryTake(long key, long nowNanos) {
    int slot = table.claim(key);
    final long floor = nowNanos - capacityNanos;
    long emptyAt;
    if (slot < 0) {
      slot = ~slot;
      emptyAt = floor; // a new source starts with a full bucket
    } else {
      emptyAt = Math.max(table.ranks[slot], floor); // never more than a full bucket
    }
    if (nowNanos - emptyAt < nanosPerToken) {
      table.ranks[slot] = emptyAt;
      return false;
    }
    table.ranks[slot] = emptyAt + nanosPerToken;
    return true;
  }

  SourceTable table() {
    return table;
  }
}
