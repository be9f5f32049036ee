package org.aquaticjava.ws;

/**
 * Per-connection message rate limit: {@code ratePerSecond} tokens a second, at most {@code burst}
 * saved up, one token per message. Time is the caller's {@code System.nanoTime()} reading.
 * Single-threaded (the connection's event loop). A rate of 0 allows everything.
 */
final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long nanosPerToken;
  private final long capacityNanos;
  /** The time at which the bucket would be empty; tokens = (now - emptyAt) / nanosPerToken. */
  private long emptyAt;

  TokenBucket(int ratePerSecond, int burst, long nowNanos) {
    this.nanosPerToken = ratePerSecond == 0 ? 0 : NANOS_PER_SECOND / ratePerSecond;
    this.capacityNanos = nanosPerToken * burst;
    this.emptyAt = nowNanos - capacityNanos; // starts full
  }

  /** Takes one token if there is one. */
  boolean tryTake(long nowNanos) {
    if (nanosPerToken == 0) {
      return true;
    }
    final long floor = nowNanos - capacityNanos;
    final long at = emptyAt < floor ? floor : emptyAt; // never more than a full bucket
    if (nowNanos - at < nanosPerToken) {
      return false;
    }
    emptyAt = at + nanosPerToken;
    return true;
  }
}
