package org.aquaticjava.ws;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.aquaticjava.core.persist.SnapshotWriter;
import org.aquaticjava.core.swarm.BusiestTorrents;
import org.aquaticjava.core.swarm.Hashing;
import org.aquaticjava.core.swarm.InfoHashFilter;

/**
 * The WebTorrent swarm state shared by all socket workers: {@code shardCount} {@link
 * WsSwarmShard}s chosen by the seeded hash of the info hash, each behind its own lock, like the
 * core's {@code SwarmStore} (the UDP tracker's measured default). Socket workers call it directly
 * from their event loops; nothing is queued between threads, so a scrape needs no merging and an
 * announce's reply is written where it was read. Relays found under the lock are written after it
 * is released, straight to the target connection's channel (thread-safe in Netty).
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread; a call holds at most one
 * shard lock and never two. Requests and results travel in caller-owned {@link SwarmAnnounce} and
 * count arrays, one set per thread.
 *
 * <p><b>Memory.</b> A peer is one {@link WsPeer} (ids as primitives, about 56 bytes) in its
 * torrent's dense array, plus an index entry in swarms above {@link WsTorrent#INDEX_ABOVE} peers,
 * plus its pending offers (48 bytes each, created with its first offer, bounded by {@link
 * Settings#pendingOffersPerPeer()}).
 */
final class WsSwarmStore {
  /**
   * @param shardCount power of two
   * @param maxPeerAge seconds a peer lives after its last announce
   * @param maxOfferAge seconds a relayed offer waits for its answer
   * @param pendingOffersPerPeer most offers a peer may have awaiting answers; older ones are
   *     forgotten first
   */
  record Settings(int shardCount, int maxPeerAge, int maxOfferAge, int pendingOffersPerPeer) {
    Settings {
      if (shardCount < 1 || Integer.bitCount(shardCount) != 1) {
        throw new IllegalArgumentException("shardCount must be a power of two: " + shardCount);
      }
    }
  }

  private final WsSwarmShard[] shards;
  private final ReentrantLock[] locks;
  private final SwarmTotals totals = new SwarmTotals();
  private final long seed;
  private final int shardMask;

  WsSwarmStore(Settings settings) {
    this(settings, ThreadLocalRandom.current().nextLong());
  }

  /** A store with the given seed for hashing and peer selection; tests use it for reproducibility. */
  WsSwarmStore(Settings settings, long seed) {
    this.seed = seed;
    this.shardMask = settings.shardCount() - 1;
    this.shards = new WsSwarmShard[settings.shardCount()];
    this.locks = new ReentrantLock[settings.shardCount()];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new WsSwarmShard(settings, totals, Hashing.fmix(seed ^ Hashing.fmix(i + 1L)));
      locks[i] = new ReentrantLock();
    }
  }

  /** Live peer and torrent counts per address family. */
  SwarmTotals totals() {
    return totals;
  }

  private long torrentHash(long a, long b, int c) {
    return Hashing.infoHash(seed, a, b, c);
  }

  private int shardOf(long torrentHash) {
    return (int) (torrentHash >>> 40) & shardMask;
  }

  /**
   * Applies the announce in {@code a} and fills its results: the outcome, the counts (including
   * the announcer, like aquatic), the chosen offer targets and what became of an answer.
   */
  void announce(SwarmAnnounce a, int now) {
    final long torrentHash = torrentHash(a.infoHashA, a.infoHashB, a.infoHashC);
    final long peerHash = Hashing.infoHash(torrentHash, a.peerA, a.peerB, a.peerC);
    final long toPeerHash = a.answer ? Hashing.infoHash(torrentHash, a.toPeerA, a.toPeerB, a.toPeerC) : 0;
    final int shard = shardOf(torrentHash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].announce(a, torrentHash, peerHash, toPeerHash, now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fills {@code out[0]} with the seeders, {@code out[1]} with the leechers and {@code out[2]} with
   * the completed count; zeros if unknown.
   */
  void scrape(boolean ipv6, long a, long b, int c, int[] out) {
    final long torrentHash = torrentHash(a, b, c);
    final int shard = shardOf(torrentHash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].scrape(ipv6, torrentHash, a, b, c, out);
    } finally {
      lock.unlock();
    }
  }

  /** Removes the peer from the torrent's swarm if, and only if, {@code owner} owns it. */
  void remove(
      boolean ipv6, long ihA, long ihB, int ihC, long peerA, long peerB, int peerC, PeerOwner owner) {
    final long torrentHash = torrentHash(ihA, ihB, ihC);
    final long peerHash = Hashing.infoHash(torrentHash, peerA, peerB, peerC);
    final int shard = shardOf(torrentHash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      shards[shard].remove(ipv6, torrentHash, ihA, ihB, ihC, peerA, peerB, peerC, peerHash, owner);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes every torrent's completed count as a peerless snapshot record, copying one shard at a
   * time under its lock into {@code copy} and writing after the lock is released.
   */
  void writeCompleted(SnapshotWriter out, CompletedCounts copy) throws IOException {
    for (int shard = 0; shard < shards.length; shard++) {
      final ReentrantLock lock = locks[shard];
      lock.lock();
      try {
        copy.clear();
        shards[shard].copyCompleted(copy);
      } finally {
        lock.unlock();
      }
      copy.writeTo(out);
    }
  }

  /**
   * Adds a restored completed count to a torrent, creating it empty (kept until {@code keepUntil})
   * if absent; false if its hash collides with another torrent's.
   */
  boolean restoreCompleted(boolean ipv6, long a, long b, int c, int completed, int keepUntil) {
    final long torrentHash = torrentHash(a, b, c);
    final int shard = shardOf(torrentHash);
    final ReentrantLock lock = locks[shard];
    lock.lock();
    try {
      return shards[shard].restoreCompleted(ipv6, torrentHash, a, b, c, completed, keepUntil);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cleans the shards one after another, each under its lock only while it is cleaned, and
   * publishes the busiest torrents the pass saw ({@link SwarmTotals#busiest}).
   */
  void clean(int now, InfoHashFilter allowed) {
    final BusiestTorrents ipv4 = new BusiestTorrents();
    final BusiestTorrents ipv6 = new BusiestTorrents();
    for (int shard = 0; shard < shards.length; shard++) {
      final ReentrantLock lock = locks[shard];
      lock.lock();
      try {
        shards[shard].clean(now, allowed, ipv4, ipv6);
      } finally {
        lock.unlock();
      }
    }
    totals.busiest(ipv4.sorted(), ipv6.sorted());
  }
}
