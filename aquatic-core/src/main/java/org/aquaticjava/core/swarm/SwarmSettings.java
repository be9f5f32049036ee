package org.aquaticjava.core.swarm;

/**
 * Sizing and timing of a {@link SwarmStore}.
 *
 * <p><b>Announce ticks.</b> A peer stores the time of its last announce in 15 bits, as a wrapping
 * tick of {@link #tickSeconds()} seconds. Cleaning removes every peer older than {@code
 * maxPeerAgeSeconds}, so between cleanings no live peer is older than {@code maxPeerAgeSeconds +
 * cleaningIntervalSeconds}. The tick is chosen so that 32,767 ticks cover twice that horizon:
 * ages stay unambiguous even if one cleaning runs a whole horizon late. With the defaults (1200 s,
 * 120 s) a tick is one second; at the largest accepted values (86,400 s, 3,600 s) six seconds.
 * Expiry is therefore exact to within one tick.
 *
 * @param shardCount number of shards, a power of two in [1, 4096]; more shards mean less lock
 *     contention and shorter lock holds while cleaning
 * @param maxPeerAgeSeconds a peer is removed at the first cleaning after it has not announced for
 *     this long, in [1, 86400]
 * @param cleaningIntervalSeconds the caller cleans at least this often, in [1, 3600]
 */
public record SwarmSettings(int shardCount, int maxPeerAgeSeconds, int cleaningIntervalSeconds) {
  /** Largest accepted {@code maxPeerAgeSeconds}. */
  public static final int MAX_PEER_AGE_LIMIT = 86_400;

  /** Largest accepted {@code cleaningIntervalSeconds}. */
  public static final int CLEANING_INTERVAL_LIMIT = 3_600;

  /** Largest accepted {@code shardCount}. */
  public static final int SHARD_COUNT_LIMIT = 4_096;

  /** aquatic's defaults: 1200 s peer age, 120 s cleaning, with 64 shards. */
  public static final SwarmSettings DEFAULTS = new SwarmSettings(64, 1_200, 120);

  /**
   * Enough shards for {@code socketWorkers} workers to rarely meet on one lock: a power of two, at
   * least 64 and 16 per worker, at most {@link #SHARD_COUNT_LIMIT}.
   */
  public static int shardCountFor(int socketWorkers) {
    final int wanted = Math.max(64, socketWorkers * 16);
    return Math.min(SHARD_COUNT_LIMIT, Integer.highestOneBit(wanted - 1) << 1);
  }

  public SwarmSettings {
    if (shardCount < 1 || shardCount > SHARD_COUNT_LIMIT || Integer.bitCount(shardCount) != 1) {
      throw new IllegalArgumentException(
          "shardCount must be a power of two in [1, " + SHARD_COUNT_LIMIT + "]: " + shardCount);
    }
    if (maxPeerAgeSeconds < 1 || maxPeerAgeSeconds > MAX_PEER_AGE_LIMIT) {
      throw new IllegalArgumentException(
          "maxPeerAgeSeconds must be in [1, " + MAX_PEER_AGE_LIMIT + "]: " + maxPeerAgeSeconds);
    }
    if (cleaningIntervalSeconds < 1 || cleaningIntervalSeconds > CLEANING_INTERVAL_LIMIT) {
      throw new IllegalArgumentException(
          "cleaningIntervalSeconds must be in [1, " + CLEANING_INTERVAL_LIMIT + "]: "
              + cleaningIntervalSeconds);
    }
  }

  /** Length of one announce tick in seconds (see the class comment). */
  public int tickSeconds() {
    final int horizon = 2 * (maxPeerAgeSeconds + cleaningIntervalSeconds);
    final int maxTicks = PeerWords.TICK_MASK;
    return Math.max(1, (horizon + maxTicks - 1) / maxTicks);
  }

  /** Age in ticks above which a peer is expired. */
  int maxAgeTicks() {
    final int tick = tickSeconds();
    return (maxPeerAgeSeconds + tick - 1) / tick;
  }
}
