package org.aquaticjava.ws;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The peers of one torrent in one address family, keyed by peer id: a dense array (random offer
 * targets are random indices) plus, once the swarm outgrows a linear scan, an index from the peer
 * id's seeded 64-bit hash to the array slot. Removal swaps the last peer into the hole. Guarded by
 * the lock of its shard.
 */
final class WsTorrent {
  /** Above this many peers lookups go through the index; below a scan of a few longs is faster. */
  static final int INDEX_ABOVE = 8;
  /** The index is dropped again below this (hysteresis, so a swarm at the edge does not flap). */
  private static final int UNINDEX_BELOW = 4;
  private static final int NOT_FOUND = -1;

  final long infoHashA;
  final long infoHashB;
  final int infoHashC;
  /** Announces with event {@code completed}, saturating; lives as long as the torrent. */
  int completed;
  /**
   * Server-clock second until which a torrent restored from a snapshot (completed count only, no
   * peers) is kept while empty, so that returning clients find its count; 0 once a peer joined,
   * after which the torrent goes with its last peer like any other.
   */
  int keepEmptyUntil;
  private WsPeer[] peers = new WsPeer[2];
  private int count;
  private int seeders;
  private @Nullable Long2IntOpenHashMap index;

  WsTorrent(long infoHashA, long infoHashB, int infoHashC) {
    this.infoHashA = infoHashA;
    this.infoHashB = infoHashB;
    this.infoHashC = infoHashC;
  }

  boolean hasInfoHash(long a, long b, int c) {
    return infoHashA == a && infoHashB == b && infoHashC == c;
  }

  int size() {
    return count;
  }

  int seeders() {
    return seeders;
  }

  int leechers() {
    return count - seeders;
  }

  /** Counts a {@code completed} event. */
  void complete() {
    if (completed != Integer.MAX_VALUE) {
      completed++;
    }
  }

  /**
   * Whether the torrent goes as soon as its last peer leaves: only if it has no completed count
   * to keep. An empty torrent with a count stays until the next cleaning ({@link #cleanable}), as
   * in the UDP and HTTP store, so a snapshot taken at shutdown, after every connection closed,
   * still holds the counts.
   */
  boolean removable() {
    return count == 0 && completed == 0 && keepEmptyUntil == 0;
  }

  /** Whether cleaning removes the torrent: no peers, and not a restored one still kept. */
  boolean cleanable() {
    return count == 0 && keepEmptyUntil == 0;
  }

  /** Ends the keeping of an empty restored torrent once {@code now} has passed its time. */
  void expireKeeping(int now) {
    if (keepEmptyUntil != 0 && now >= keepEmptyUntil) {
      keepEmptyUntil = 0;
    }
  }

  WsPeer peerAt(int slot) {
    return peers[slot];
  }

  /** The slot of the peer with this id, or -1. */
  int find(long a, long b, int c, long hash) {
    final Long2IntOpenHashMap idx = index;
    if (idx != null) {
      final int slot = idx.get(hash);
      return slot >= 0 && peers[slot].hasId(a, b, c) ? slot : NOT_FOUND;
    }
    for (int i = 0; i < count; i++) {
      if (peers[i].hasId(a, b, c)) {
        return i;
      }
    }
    return NOT_FOUND;
  }

  /**
   * Whether a new peer with this hash can be indexed: false only if another id already has the
   * same 64-bit seeded hash, which clients cannot aim for without the seed.
   */
  boolean hashIsFree(long hash) {
    final Long2IntOpenHashMap idx = index;
    if (idx != null) {
      return !idx.containsKey(hash);
    }
    for (int i = 0; i < count; i++) {
      if (peers[i].hash == hash) {
        return false; // checked even unindexed, so the index built later has no collisions
      }
    }
    return true;
  }

  /** Adds a peer known to be absent (see {@link #find} and {@link #hashIsFree}). */
  void add(WsPeer peer) {
    if (count == peers.length) {
      final WsPeer[] grown = new WsPeer[count * 2];
      System.arraycopy(peers, 0, grown, 0, count);
      peers = grown;
    }
    peers[count] = peer;
    keepEmptyUntil = 0;
    if (peer.seeder) {
      seeders++;
    }
    if (index != null) {
      index.put(peer.hash, count);
    }
    count++;
    if (index == null && count > INDEX_ABOVE) {
      buildIndex();
    }
  }

  /** Changes a peer's seeder flag, keeping the seeder count right. */
  void setSeeder(WsPeer peer, boolean seeder) {
    if (peer.seeder != seeder) {
      peer.seeder = seeder;
      seeders += seeder ? 1 : -1;
    }
  }

  /** Removes the peer at {@code slot}; the last peer moves into it. */
  void removeAt(int slot) {
    final WsPeer removed = peers[slot];
    if (removed.seeder) {
      seeders--;
    }
    final int last = --count;
    final Long2IntOpenHashMap idx = index;
    if (idx != null) {
      idx.remove(removed.hash);
    }
    if (slot != last) {
      final WsPeer moved = peers[last];
      peers[slot] = moved;
      if (idx != null) {
        idx.put(moved.hash, slot);
      }
    }
    peers[last] = null;
    if (idx != null && count < UNINDEX_BELOW) {
      index = null;
    }
    if (peers.length > 8 && count < peers.length / 4) {
      final WsPeer[] shrunk = new WsPeer[peers.length / 2];
      System.arraycopy(peers, 0, shrunk, 0, count);
      peers = shrunk;
    }
  }

  private void buildIndex() {
    final Long2IntOpenHashMap idx = new Long2IntOpenHashMap(count * 2);
    idx.defaultReturnValue(NOT_FOUND);
    for (int i = 0; i < count; i++) {
      idx.put(peers[i].hash, i);
    }
    index = idx;
  }
}
