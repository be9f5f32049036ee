package org.aquaticjava.core.limit;

/**
 * Sources ignored for a while because they kept sending invalid requests (forged connection ids,
 * malformed requests): each bad request is a strike, taken from a per-source bucket that holds
 * {@code threshold} strikes and refills over {@code window}; the strike that finds it empty bans
 * the source for {@code banNanos}. A source below the threshold is never banned, however long it
 * keeps up a low rate of bad requests (a broken client behind a NAT must not ban its neighbours).
 *
 * <p>Both tables are fixed-size {@link SourceTable}s. Bans rank by their end, so expired bans are
 * evicted first, then the ones ending soonest; a flood of bans from spoofed addresses can shorten
 * other bans but never grows memory. Single-threaded; allocation-free.
 */
final class SourceBans {
  private final TokenBuckets strikes;
  private final SourceTable bans;
  private final long banNanos;
  private long started;

  /**
   * @param threshold bad requests a source may send within {@code windowNanos} before a ban
   * @param windowNanos the window over which the threshold refills
   * @param banNanos how long a ban lasts
   * @param entries sources tracked at most, by each of the two tables
   */
  SourceBans(int threshold, long windowNanos, long banNanos, int entries) {
    this.strikes = new TokenBuckets(Math.max(1, windowNanos / threshold), threshold, entries);
    this.bans = new SourceTable(Math.max(SourceTable.WAYS, entries / 4));
    this.banNanos = banNanos;
  }

  /** Whether {@code key} is banned at {@code nowNanos}. */
  boolean banned(long key, long nowNanos) {
    final int slot = bans.find(key);
    return slot >= 0 && bans.ranks[slot] > nowNanos;
  }

  /** Records one bad request of {@code key}; true if it started a ban. */
  boolean strike(long key, long nowNanos) {
    if (strikes.tryTake(key, nowNanos) || banned(key, nowNanos)) {
      return false;
    }
    int slot = bans.claim(key);
    if (slot < 0) {
      slot = ~slot;
    }
    bans.ranks[slot] = nowNanos + banNanos;
    started++;
    return true;
  }

  /** Bans started since construction. */
  long started() {
    return started;
  }

  /** Bans in force at {@code nowNanos}; scans the table, for tests and diagnostics. */
  int active(long nowNanos) {
    int n = 0;
    for (int i = 0; i < bans.capacity(); i++) {
      if (bans.keys[i] != 0 && bans.ranks[i] > nowNanos) {
        n++;
      }
    }
    return n;
  }
}
