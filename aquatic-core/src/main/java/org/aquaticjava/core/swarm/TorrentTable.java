package org.aquaticjava.core.swarm;

/**
 * The torrents of one address family within one shard: an open-addressing table (linear probing,
 * load at most three quarters) with no object per torrent. A slot's fields are interleaved in
 * three arrays so that a lookup costs three cache misses, not one per field:
 *
 * <pre>
 *  keys  long[2 * capacity]:   a | b                          (info hash bytes 0-15)
 *  ints  int[4 * capacity]:    c | count | seeders | completed (info hash bytes 16-19, counters)
 *  refs  Object[2 * capacity]: long[] peers | int[] index      (index null for small swarms)
 * </pre>
 *
 * About 40 bytes per slot plus the peer array. A slot is occupied exactly when its peer array is
 * non-null; a torrent whose last peer left keeps its (empty) array, and so its {@code completed}
 * count, until the next cleaning. Counts are kept incrementally and recounted at cleaning.
 * Single-threaded.
 */
final class TorrentTable {
  private static final int MIN_CAPACITY = 16;
  private static final int C = 0;
  private static final int COUNT = 1;
  private static final int SEEDERS = 2;
  private static final int COMPLETED = 3;

  private final PeerArrays swarm;
  private final long seed;
  private final int stride;

  private long[] keys;
  private int[] ints;
  private Object[] refs;
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

  /** The peer-array operations, whose key the shard sets before {@link #announce}. */
  PeerArrays peerKey() {
    return swarm;
  }

  /** Handles an announce whose peer key was set on {@link #peerKey()} (see {@link SwarmShard}). */
  void announce(AnnounceSlot req, int tick, long random) {
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
    final int f = 4 * slot;
    long[] words = peers(slot);
    final int[] index = index(slot);
    int count = ints[f + COUNT];
    int position = swarm.find(words, count, index);
    if (req.stopped) {
      if (position >= 0) {
        if (PeerWords.seeder(swarm.meta(words, position))) {
          ints[f + SEEDERS]--;
        }
        swarm.removeAt(words, count, index, position);
        ints[f + COUNT] = --count;
        position = -1;
      }
    } else {
      final long meta = PeerWords.meta(req.seeder, tick);
      if (position >= 0) {
        final boolean wasSeeder = PeerWords.seeder(swarm.meta(words, position));
        ints[f + SEEDERS] += (req.seeder ? 1 : 0) - (wasSeeder ? 1 : 0);
        swarm.setMeta(words, position, meta);
      } else {
        position = count;
        words = swarm.append(words, count, meta);
        refs[2 * slot] = words;
        ints[f + COUNT] = ++count;
        if (req.seeder) {
          ints[f + SEEDERS]++;
        }
        addToIndex(slot, index, words, count);
      }
      if (req.completed) {
        ints[f + COMPLETED]++;
      }
    }
    final int seeders = ints[f + SEEDERS];
    final boolean present = position >= 0;
    req.seeders = seeders - (present && req.seeder ? 1 : 0);
    req.leechers = count - seeders - (present && !req.seeder ? 1 : 0);
    req.completedCount = ints[f + COMPLETED];
    // A peer that leaves gets the counts but no peers, like opentracker: it has no use for them,
    // and a stopped announce must not be a cheap way to make the tracker send peer lists.
    req.peerCount =
        req.stopped ? 0 : swarm.select(words, count, position, req.peersWanted, random, req.peerWords);
  }

  void scrape(InfoHash ih, ScrapeCounts out) {
    final int slot = find(Hashing.infoHash(seed, ih.a, ih.b, ih.c), ih.a, ih.b, ih.c);
    if (slot < 0) {
      out.seeders = 0;
      out.leechers = 0;
      out.completed = 0;
    } else {
      final int f = 4 * slot;
      out.seeders = ints[f + SEEDERS];
      out.leechers = ints[f + COUNT] - ints[f + SEEDERS];
      out.completed = ints[f + COMPLETED];
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
    while (occupied(start)) {
      start = (start + 1) & mask;
    }
    final int capacity = mask + 1;
    int slot = (start + 1) & mask;
    for (int visited = 1; visited < capacity; ) {
      if (occupied(slot) && !cleanTorrent(slot, nowTick, maxAgeTicks, filter, stats)) {
        stats.torrentRemoved();
        deleteSlot(slot);
        continue; // the slot now holds a not-yet-visited entry, or nothing
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
    final int f = 4 * slot;
    final int before = ints[f + COUNT];
    if (!filter.allows(keys[2 * slot], keys[2 * slot + 1], ints[f + C])) {
      stats.peersRemoved(before);
      return false;
    }
    final long live = swarm.retainLive(peers(slot), before, nowTick, maxAgeTicks);
    final int count = (int) (live >>> 32);
    final int seeders = (int) live;
    stats.peersRemoved(before - count);
    if (count == 0) {
      return false;
    }
    ints[f + COUNT] = count;
    ints[f + SEEDERS] = seeders;
    final long[] words = swarm.shrink(peers(slot), count);
    refs[2 * slot] = words;
    if (count <= PeerArrays.SMALL_SWARM) {
      refs[2 * slot + 1] = null;
    } else if (index(slot) != null && count != before) {
      // Positions moved; the rebuilt index is also sized down to the new count.
      refs[2 * slot + 1] = swarm.buildIndex(words, count);
    }
    stats.torrent(keys[2 * slot], keys[2 * slot + 1], ints[f + C], count, seeders);
    return true;
  }

  /** Appends every torrent of this table, empty ones included, to {@code out}. */
  void copyTo(ShardCopy.Family out) {
    for (int slot = 0; slot <= mask; slot++) {
      if (occupied(slot)) {
        final int f = 4 * slot;
        out.add(keys[2 * slot], keys[2 * slot + 1], ints[f + C], ints[f + COMPLETED], peers(slot),
            ints[f + COUNT]);
      }
    }
  }

  /**
   * Adds the torrent of {@code r} if absent, adds its completed count (saturating) and adds each of
   * its peers that the swarm does not hold yet, with the tick the carrier gave it.
   */
  void restore(TorrentRestore r) {
    final InfoHash ih = r.infoHash;
    final long hash = Hashing.infoHash(seed, ih.a, ih.b, ih.c);
    int slot = find(hash, ih.a, ih.b, ih.c);
    if (slot < 0) {
      slot = insert(hash, ih.a, ih.b, ih.c);
    }
    final int f = 4 * slot;
    ints[f + COMPLETED] = (int) Math.min(Integer.MAX_VALUE, (long) ints[f + COMPLETED] + r.completed());
    final long[] from = r.words();
    int count = ints[f + COUNT];
    for (int i = 0; i < r.peerCount(); i++) {
      final int base = i * stride;
      final long last = from[base + stride - 1];
      if (stride == 1) {
        swarm.setKey(0, 0, last);
      } else {
        swarm.setKey(from[base], from[base + 1], last);
      }
      final int[] index = index(slot);
      if (swarm.find(peers(slot), count, index) >= 0) {
        continue; // given twice: keep the first
      }
      final long[] words = swarm.append(peers(slot), count, last & PeerWords.META_MASK);
      refs[2 * slot] = words;
      ints[f + COUNT] = ++count;
      if (PeerWords.seeder(last)) {
        ints[f + SEEDERS]++;
      }
      addToIndex(slot, index, words, count);
    }
  }

  private void addToIndex(int slot, int[] index, long[] words, int count) {
    if (index != null) {
      refs[2 * slot + 1] = swarm.addToIndex(index, words, count);
    } else if (count > PeerArrays.LARGE_SWARM) {
      refs[2 * slot + 1] = swarm.buildIndex(words, count);
    }
  }

  private boolean occupied(int slot) {
    return refs[2 * slot] != null;
  }

  private long[] peers(int slot) {
    return (long[]) refs[2 * slot];
  }

  private int[] index(int slot) {
    return (int[]) refs[2 * slot + 1];
  }

  /** The slot holding the torrent, or -1. */
  private int find(long hash, long a, long b, int c) {
    int slot = (int) hash & mask;
    while (occupied(slot)) {
      if (keys[2 * slot] == a && keys[2 * slot + 1] == b && ints[4 * slot + C] == c) {
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
    while (occupied(slot)) {
      slot = (slot + 1) & mask;
    }
    keys[2 * slot] = a;
    keys[2 * slot + 1] = b;
    ints[4 * slot + C] = c;
    refs[2 * slot] = new long[stride];
    size++;
    return slot;
  }

  private int homeOf(int slot) {
    return (int) Hashing.infoHash(seed, keys[2 * slot], keys[2 * slot + 1], ints[4 * slot + C]) & mask;
  }

  /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
  private void deleteSlot(int slot) {
    int hole = slot;
    int next = (hole + 1) & mask;
    while (occupied(next)) {
      final int home = homeOf(next);
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        copySlot(keys, ints, refs, next, hole);
        hole = next;
      }
      next = (next + 1) & mask;
    }
    keys[2 * hole] = 0;
    keys[2 * hole + 1] = 0;
    java.util.Arrays.fill(ints, 4 * hole, 4 * hole + 4, 0);
    refs[2 * hole] = null;
    refs[2 * hole + 1] = null;
    size--;
  }

  private void copySlot(long[] fromKeys, int[] fromInts, Object[] fromRefs, int from, int to) {
    System.arraycopy(fromKeys, 2 * from, keys, 2 * to, 2);
    System.arraycopy(fromInts, 4 * from, ints, 4 * to, 4);
    System.arraycopy(fromRefs, 2 * from, refs, 2 * to, 2);
  }

  private void rehash(int capacity) {
    final long[] oldKeys = keys;
    final int[] oldInts = ints;
    final Object[] oldRefs = refs;
    allocate(capacity);
    for (int from = 0; from < oldRefs.length / 2; from++) {
      if (oldRefs[2 * from] != null) {
        final long a = oldKeys[2 * from];
        final long b = oldKeys[2 * from + 1];
        int to = (int) Hashing.infoHash(seed, a, b, oldInts[4 * from + C]) & mask;
        while (occupied(to)) {
          to = (to + 1) & mask;
        }
        copySlot(oldKeys, oldInts, oldRefs, from, to);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[2 * capacity];
    ints = new int[4 * capacity];
    refs = new Object[2 * capacity];
    mask = capacity - 1;
  }
}
