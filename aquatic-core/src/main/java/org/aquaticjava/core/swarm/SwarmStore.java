package org.aquaticjava.core.swarm;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.aquaticjava.core.time.ServerClock;

/**
 * The swarm state shared by socket workers: {@link SwarmSettings#shardCount()} {@link SwarmShard}s
 * chosen by a seeded hash of the info hash, each behind its own lock.
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. A call locks exactly one
 * shard at a time and never holds two locks, so there is no lock ordering to get wrong; announces
 * and scrapes of torrents in different shards run in parallel. {@link #clean} locks the shards one
 * after another, so it blocks each shard only for the time that shard takes to clean. Requests and
 * results travel in caller-owned {@link AnnounceSlot} and {@link ScrapeCounts} objects, one set
 * per thread.
 */
public final class SwarmStore {
  private final SwarmShard[] shards;
  private final ReentrantLock[] locks;
  private final long seed;
  private final int shardMask;
  private volatile SwarmChanges changes = SwarmChanges.NONE;

  /** A store with a random hash seed. */
  public SwarmStore(SwarmSettings settings) {
    this(settings, ThreadLocalRandom.current().nextLong());
  }

  /** A store with the given hash seed; tests use it for reproducible peer selection. */
  public SwarmStore(SwarmSettings settings, long seed) {
    this.seed = seed;
    this.shardMask = settings.shardCount() - 1;
    this.shards = new SwarmShard[settings.shardCount()];
    this.locks = new ReentrantLock[settings.shardCount()];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new SwarmShard(settings, seed, i);
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Sends every later client announce to {@code changes} as well (see {@link SwarmChanges}). Set
   * it before the store serves; {@link #apply} is not recorded.
   */
  public void recordChangesTo(SwarmChanges changes) {
    this.changes = changes;
  }

  /** See {@link SwarmShard#announce}; recorded in the {@link #recordChangesTo changes} sink. */
  public void announce(AnnounceSlot req, int nowSeconds) {
    final int shard = shardOf(req.infoHash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].announce(req, nowSeconds);
      changes.record(shard, req, nowSeconds);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies an announce another node replicated ({@link SwarmShard#announce}, with the announce
   * time {@code announcedSeconds} of this store's clock, which may be negative); not recorded.
   * Set {@code req.peersWanted} to 0: nobody reads the peers.
   */
  public void apply(AnnounceSlot req, int announcedSeconds) {
    final int shard = shardOf(req.infoHash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].announce(req, announcedSeconds);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code action} with shard {@code shard}'s lock held: a {@link SwarmChanges} sink hands
   * on the part-filled buffer of a shard this way.
   */
  public void withShardLocked(int shard, Runnable action) {
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** See {@link SwarmShard#scrape}. */
  public void scrape(InfoHash hash, boolean ipv6, ScrapeCounts out) {
    final int shard = shardOf(hash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].scrape(hash, ipv6, out);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cleans every shard in turn (see {@link SwarmShard#clean}) and reports what remains. Call it
   * at least every {@link SwarmSettings#cleaningIntervalSeconds()}.
   */
  public CleaningReport clean(int nowSeconds, InfoHashFilter allowed) {
    final CleaningAccumulator stats = new CleaningAccumulator();
    for (int shard = 0; shard < shards.length; shard++) {
      final ReentrantLock lock = locks[shard];
      lock.lock();
      try {
        shards[shard].clean(nowSeconds, allowed, stats);
      } finally {
        lock.unlock();
      }
    }
    return stats.report();
  }

  /** Number of shards, for {@link #copyShard}. */
  public int shardCount() {
    return shards.length;
  }

  /**
   * Copies shard {@code shard}'s torrents into {@code out} while holding only that shard's lock,
   * for as long as an array copy of its words takes (no encoding, no I/O), then stamps the copy
   * with {@code clock}'s reading taken after the lock is released. A snapshot or state transfer
   * calls it for each shard in turn and encodes outside the lock, so announces are never held up
   * for longer than a shard's copy.
   */
  public void copyShard(int shard, ShardCopy out, ServerClock clock) {
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].copyTo(out);
    } finally {
      lock.unlock();
    }
    out.stamp(clock.secondsSinceStart());
  }

  /**
   * Puts a torrent and its peers back into the store, merging with what is there (see {@link
   * TorrentRestore}). Used when loading a snapshot before the store serves; safe at any time.
   */
  public void restore(TorrentRestore torrent) {
    final int shard = shardOf(torrent.infoHash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].restore(torrent);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The shard of an info hash. Uses bits 40-51 of the hash; the shard's own table uses the low
   * bits, so the two choices are independent.
   */
  public int shardOf(InfoHash h) {
    return (int) (Hashing.infoHash(seed, h.a, h.b, h.c) >>> 40) & shardMask;
  }
}
