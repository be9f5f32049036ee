package org.aquaticjava.core.limit;

/**
 * A fixed-size, set-associative table of source keys: {@value #WAYS} slots per set, each slot a
 * key and a {@code rank}. A key that is not present takes the slot of its set with the lowest
 * rank, evicting whatever was there. Callers keep their own per-slot data in arrays indexed by
 * slot and choose ranks so that the lowest-ranked entry is the cheapest to forget: a token
 * bucket's rank is the time its bucket is empty at, so the fullest bucket goes first, and evicting
 * a full bucket loses nothing (a new entry starts full).
 *
 * <p>Why this and not a count-min sketch: a sketch never forgets a heavy hitter's neighbours, so
 * a flood raises every source's count and limits innocent sources that share its cells; here a
 * source is either tracked exactly or (when evicted) forgiven, and a source that keeps its bucket
 * empty has the highest rank of its set and is the last to go. A spoofed flood from millions of
 * addresses makes one-request entries, which rank lowest and evict each other. Why not a hash map
 * with LRU: that allocates or needs links; this is two {@code long} arrays, one cache line of keys
 * per set.
 *
 * <p>Memory: 16 bytes per slot, fixed at construction. Not thread-safe: one owner thread.
 */
final class SourceTable {
  static final int WAYS = 8;
  /** Rank of a slot that holds no key: lower than any real rank, so it is taken first. */
  static final long EMPTY_RANK = Long.MIN_VALUE;

  final long[] keys;
  final long[] ranks;
  private final int setMask;
  private long evictions;

  /** A table of at least {@code entries} slots (rounded up to a power of two, at least one set). */
  SourceTable(int entries) {
    final int sets = Math.max(1, Integer.highestOneBit(Math.max(1, entries - 1) / WAYS) << 1);
    final int slots = Math.max(WAYS, sets * WAYS);
    this.keys = new long[slots];
    this.ranks = new long[slots];
    this.setMask = slots / WAYS - 1;
    java.util.Arrays.fill(ranks, EMPTY_RANK);
  }

  /** The slot holding {@code key}, or -1. */
  int find(long key) {
    final int base = setOf(key);
    for (int i = base; i < base + WAYS; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The slot holding {@code key}; if absent, claims the lowest-ranked slot of its set for it and
   * returns {@code ~slot} (negative), so the caller initialises the slot's data and rank.
   */
  int claim(long key) {
    final int base = setOf(key);
    int victim = base;
    long lowest = Long.MAX_VALUE;
    for (int i = base; i < base + WAYS; i++) {
      if (keys[i] == key) {
        return i;
      }
      if (ranks[i] < lowest) {
        lowest = ranks[i];
        victim = i;
      }
    }
    if (keys[victim] != 0) {
      evictions++;
    }
    keys[victim] = key;
    return ~victim;
  }

  /** Slots in the table: its fixed capacity. */
  int capacity() {
    return keys.length;
  }

  /** Keys evicted to make room for others since construction. */
  long evictions() {
    return evictions;
  }

  /** Slots holding a key; counts the whole table, for tests and diagnostics only. */
  int occupied() {
    int n = 0;
    for (long key : keys) {
      if (key != 0) {
        n++;
      }
    }
    return n;
  }

  private int setOf(long key) {
    // The key is already mixed: its high bits pick the set.
    return ((int) (key >>> 40) & setMask) * WAYS;
  }
}
