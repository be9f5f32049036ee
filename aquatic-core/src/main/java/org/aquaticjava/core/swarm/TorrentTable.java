package org.aquaticjava.core.swarm;

/**
 * The torrents of one address family within one shard: an open-addressing table (linear probing,
 * load at most three quarters) over parallel primitive arrays, so a torrent costs about 40 bytes
 * of table plus its peer array, and no object of its own.
 *
 * <p>A slot is occupied exactly when {@code peers[slot] != null}; a torrent whose last peer left
 * keeps its (empty) array, and so its {@code completed} count, until the next cleaning. Seeder and
 * peer counts are kept incrementally and recounted at cleaning. Single-threaded.
 */
final class TorrentTable {
  private static final int MIN_CAPACITY = 16;

  private final PeerArrays swarm;
  private final long seed;
  private final int stride;

  private long[] hashA;
  private long[] hashB;
  private int[] hashC;
  private long[][] peers;
  private int[][] indexes;
  private int[] counts;
  private int[] seeders;
  private int[] completed;
  private int size;
  private int mask;

  TorrentTable(int stride, long seed) {
    this.swarm = new PeerArrays(stride, seed);
    this.stride = stride;
    this.seed = seed;
    allocate(MIN_CAPACITY);
  }

  int size() {
    return size;
  }

  /** Handles an announce whose peer key was set on {@link #peerKey()} (see {@link SwarmShard}). */
  void announce(AnnounceRequest req, int tick, long random) {
    final InfoHash ih = req.infoHash;
    final long hash = Hashing.infoHash(seed, ih.a, ih.b, ih.c);
    int slot = find(hash, ih.a, ih.b, ih.c);
    if (slot < 0) {
      if (req.stopped) {
        req.clearResults();
        return;
      }
      slot = insert(hash, ih.a, ih.b, ih.c);
    }
    long[] words = peers[slot];
    int count = counts[slot];
    int position = swarm.find(words, count, indexes[slot]);
    if (req.stopped) {
      if (position >= 0) {
        if (PeerWords.seeder(swarm.meta(words, position))) {
          seeders[slot]--;
        }
        swarm.removeAt(words, count, indexes[slot], position);
        counts[slot] = --count;
        position = -1;
      }
    } else {
      final long meta = PeerWords.meta(req.seeder, tick);
      if (position >= 0) {
        final boolean wasSeeder = PeerWords.seeder(swarm.meta(words, position));
        seeders[slot] += (req.seeder ? 1 : 0) - (wasSeeder ? 1 : 0);
        swarm.setMeta(words, position, meta);
      } else {
        position = count;
        words = swarm.append(words, count, meta);
        peers[slot] = words;
        counts[slot] = ++count;
        if (req.seeder) {
          seeders[slot]++;
        }
        addToIndex(slot, words, count);
      }
      if (req.completed) {
        completed[slot]++;
      }
    }
    final int requesterSeeder = position >= 0 && req.seeder ? 1 : 0;
    final int requesterLeecher = position >= 0 && !req.seeder ? 1 : 0;
    req.seeders = seeders[slot] - requesterSeeder;
    req.leechers = count - seeders[slot] - requesterLeecher;
    req.completedCount = completed[slot];
    req.peerCount = swarm.select(words, count, position, req.peersWanted, random, req.peerWords);
  }

  /** The peer-array operations, whose key the shard sets before {@link #announce}. */
  PeerArrays peerKey() {
    return swarm;
  }

  void scrape(InfoHash ih, ScrapeCounts out) {
    final int slot = find(Hashing.infoHash(seed, ih.a, ih.b, ih.c), ih.a, ih.b, ih.c);
    if (slot < 0) {
      out.seeders = 0;
      out.leechers = 0;
      out.completed = 0;
    } else {
      out.seeders = seeders[slot];
      out.leechers = counts[slot] - seeders[slot];
      out.completed = completed[slot];
    }
  }

  /**
   * Removes expired peers, torrents {@code filter} rejects and torrents left empty; shrinks peer
   * arrays, drops indexes of swarms that became small and halves the table while it is at most an
   * eighth full. Records every remaining torrent in {@code stats}.
   */
  void clean(int nowTick, int maxAgeTicks, InfoHashFilter filter, CleaningAccumulator.Family stats) {
    // Scan starting just after an empty slot: backward-shift deletion then only ever moves
    // entries from not-yet-visited slots into the current one, which is examined again.
    int start = 0;
    while (peers[start] != null) {
      start = (start + 1) & mask;
    }
    final int capacity = mask + 1;
    int slot = (start + 1) & mask;
    for (int visited = 1; visited < capacity; ) {
      if (peers[slot] != null && !cleanTorrent(slot, nowTick, maxAgeTicks, filter, stats)) {
        stats.torrentRemoved();
        deleteSlot(slot);
        continue; // slot now holds a not-yet-visited entry, or nothing
      }
      slot = (slot + 1) & mask;
      visited++;
    }
    if (size * 8 <= capacity && capacity > MIN_CAPACITY) {
      rehash(capacity / 2);
    }
  }

  /** Cleans one torrent; returns false if it should be removed. */
  private boolean cleanTorrent(
      int slot, int nowTick, int maxAgeTicks, InfoHashFilter filter, CleaningAccumulator.Family stats) {
    final int before = counts[slot];
    if (!filter.allows(hashA[slot], hashB[slot], hashC[slot])) {
      stats.peersRemoved(before);
      return false;
    }
    final long live = swarm.retainLive(peers[slot], before, nowTick, maxAgeTicks);
    final int count = (int) (live >>> 32);
    stats.peersRemoved(before - count);
    if (count == 0) {
      return false;
    }
    counts[slot] = count;
    seeders[slot] = (int) live;
    final long[] words = swarm.shrink(peers[slot], count);
    peers[slot] = words;
    if (count <= PeerArrays.SMALL_SWARM) {
      indexes[slot] = null;
    } else if (indexes[slot] != null && count != before) {
      // Positions moved; the rebuilt index is also sized down to the new count.
      indexes[slot] = swarm.buildIndex(words, count);
    }
    stats.torrent(count, (int) live);
    return true;
  }

  private void addToIndex(int slot, long[] words, int count) {
    final int[] index = indexes[slot];
    if (index != null) {
      indexes[slot] = swarm.addToIndex(index, words, count);
    } else if (count > PeerArrays.LARGE_SWARM) {
      indexes[slot] = swarm.buildIndex(words, count);
    }
  }

  /** The slot holding the torrent, or -1. */
  private int find(long hash, long a, long b, int c) {
    int slot = (int) hash & mask;
    while (peers[slot] != null) {
      if (hashA[slot] == a && hashB[slot] == b && hashC[slot] == c) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** Adds an absent torrent with no peers and returns its slot. */
  private int insert(long hash, long a, long b, int c) {
    if (4 * (size + 1) > 3 * (mask + 1)) {
      rehash(2 * (mask + 1));
    }
    int slot = (int) hash & mask;
    while (peers[slot] != null) {
      slot = (slot + 1) & mask;
    }
    hashA[slot] = a;
    hashB[slot] = b;
    hashC[slot] = c;
    peers[slot] = new long[stride];
    size++;
    return slot;
  }

  private void deleteSlot(int slot) {
    int hole = slot;
    int next = (hole + 1) & mask;
    while (peers[next] != null) {
      final int home = (int) Hashing.infoHash(seed, hashA[next], hashB[next], hashC[next]) & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        moveSlot(next, hole);
        hole = next;
      }
      next = (next + 1) & mask;
    }
    clearSlot(hole);
    size--;
  }

  private void moveSlot(int from, int to) {
    hashA[to] = hashA[from];
    hashB[to] = hashB[from];
    hashC[to] = hashC[from];
    peers[to] = peers[from];
    indexes[to] = indexes[from];
    counts[to] = counts[from];
    seeders[to] = seeders[from];
    completed[to] = completed[from];
  }

  private void clearSlot(int slot) {
    peers[slot] = null;
    indexes[slot] = null;
    counts[slot] = 0;
    seeders[slot] = 0;
    completed[slot] = 0;
  }

  private void rehash(int capacity) {
    final long[] oldA = hashA;
    final long[] oldB = hashB;
    final int[] oldC = hashC;
    final long[][] oldPeers = peers;
    final int[][] oldIndexes = indexes;
    final int[] oldCounts = counts;
    final int[] oldSeeders = seeders;
    final int[] oldCompleted = completed;
    allocate(capacity);
    for (int from = 0; from < oldPeers.length; from++) {
      if (oldPeers[from] != null) {
        int to = (int) Hashing.infoHash(seed, oldA[from], oldB[from], oldC[from]) & mask;
        while (peers[to] != null) {
          to = (to + 1) & mask;
        }
        hashA[to] = oldA[from];
        hashB[to] = oldB[from];
        hashC[to] = oldC[from];
        peers[to] = oldPeers[from];
        indexes[to] = oldIndexes[from];
        counts[to] = oldCounts[from];
        seeders[to] = oldSeeders[from];
        completed[to] = oldCompleted[from];
      }
    }
  }

  private void allocate(int capacity) {
    hashA = new long[capacity];
    hashB = new long[capacity];
    hashC = new int[capacity];
    peers = new long[capacity][];
    indexes = new int[capacity][];
    counts = new int[capacity];
    seeders = new int[capacity];
    completed = new int[capacity];
    mask = capacity - 1;
  }
}
