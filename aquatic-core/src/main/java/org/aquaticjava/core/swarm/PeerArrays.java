package org.aquaticjava.core.swarm;

import static org.aquaticjava.core.swarm.PeerWords.KEY_MASK;

/**
 * Operations on one swarm's peers, written once for both families and parameterised by the
 * stride (1 word per IPv4 peer, 3 per IPv6 peer; see {@link PeerWords}).
 *
 * <p>A swarm is a dense {@code long[]} of {@code count} entries, kept dense by swap-remove, plus,
 * for swarms above {@link #LARGE_SWARM} peers, an open-addressing {@code int[]} index (linear
 * probing, load at most one half) holding {@code position + 1}, 0 meaning empty. Small swarms are
 * scanned linearly: a scan of up to 32 words is cheaper than hashing and a random probe, and costs
 * no index memory.
 *
 * <p>The key being looked up is held in this object ({@link #setKey}), so one instance serves one
 * torrent table. Single-threaded.
 */
final class PeerArrays {
  /** A swarm gets an index once it holds more than this many peers. */
  static final int LARGE_SWARM = 32;

  /** Cleaning drops the index of a swarm that has shrunk to this many peers or fewer. */
  static final int SMALL_SWARM = LARGE_SWARM / 2;

  final int stride;
  private final long seed;
  private long keyHi;
  private long keyLo;
  private long keyLast;

  PeerArrays(int stride, long seed) {
    if (stride != PeerWords.IPV4_STRIDE && stride != PeerWords.IPV6_STRIDE) {
      throw new IllegalArgumentException("stride must be 1 or 3: " + stride);
    }
    this.stride = stride;
    this.seed = seed;
  }

  /** Sets the key of the peer to look up; {@code hi}, {@code lo} are ignored for IPv4. */
  void setKey(long hi, long lo, long last) {
    keyHi = hi;
    keyLo = lo;
    keyLast = last & KEY_MASK;
  }

  /** Position of the current key, or -1. */
  int find(long[] words, int count, int[] index) {
    if (index != null) {
      final int slot = indexSlotOfKey(index, words);
      return slot < 0 ? -1 : index[slot] - 1;
    }
    for (int i = 0; i < count; i++) {
      if (matches(words, i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Appends the current key with {@code meta} at position {@code count}, growing the array by half
   * (exactly by one entry while tiny, so one-peer swarms cost one entry). Returns the array, which
   * is new if it had to grow. The caller adds the entry to the index.
   */
  long[] append(long[] words, int count, long meta) {
    long[] w = words;
    final int base = count * stride;
    if (base + stride > w.length) {
      final int entries = Math.max(count + 1, count + (count >> 1));
      w = java.util.Arrays.copyOf(w, entries * stride);
    }
    if (stride != 1) {
      w[base] = keyHi;
      w[base + 1] = keyLo;
    }
    w[base + stride - 1] = keyLast | meta;
    return w;
  }

  /** The meta bits (seeder flag, tick) of the peer at {@code position}. */
  int meta(long[] words, int position) {
    return (int) (words[position * stride + stride - 1] & PeerWords.META_MASK);
  }

  void setMeta(long[] words, int position, long meta) {
    final int last = position * stride + stride - 1;
    words[last] = (words[last] & KEY_MASK) | meta;
  }

  /**
   * Removes the peer at {@code position} of a swarm of {@code count} by moving the last peer into
   * its place, keeping {@code index} (if any) in step. The caller decrements its count.
   */
  void removeAt(long[] words, int count, int[] index, int position) {
    final int lastPosition = count - 1;
    if (index != null) {
      deleteIndexSlot(index, indexSlotOfPosition(index, words, position), words);
      if (position != lastPosition) {
        index[indexSlotOfPosition(index, words, lastPosition)] = position + 1;
      }
    }
    if (position != lastPosition) {
      System.arraycopy(words, lastPosition * stride, words, position * stride, stride);
    }
  }

  /**
   * Copies {@code min(wanted, others)} distinct peers other than the one at {@code exclude} (-1 for
   * none) into {@code out} and returns how many. The peers form a cyclic window over the swarm
   * without {@code exclude}, starting at a position drawn uniformly from {@code random}: every
   * other peer has the same chance {@code n / others} of being chosen, and the reads are
   * sequential.
   */
  int select(long[] words, int count, int exclude, int wanted, long random, long[] out) {
    final int others = exclude >= 0 ? count - 1 : count;
    final int n = Math.min(Math.min(wanted, others), out.length / stride);
    if (n <= 0) {
      return 0;
    }
    int virtual = (int) (((random >>> 32) * others) >>> 32);
    int o = 0;
    for (int i = 0; i < n; i++) {
      final int position = exclude >= 0 && virtual >= exclude ? virtual + 1 : virtual;
      final int base = position * stride;
      for (int j = 0; j < stride; j++) {
        out[o++] = words[base + j];
      }
      if (++virtual == others) {
        virtual = 0;
      }
    }
    return n;
  }

  /**
   * Keeps the peers whose last announce is at most {@code maxAgeTicks} before {@code nowTick},
   * packing them to the front in order. Returns {@code kept << 32 | keptSeeders}. The caller
   * rebuilds or drops the index when anything was removed.
   */
  long retainLive(long[] words, int count, int nowTick, int maxAgeTicks) {
    int kept = 0;
    int seeders = 0;
    for (int i = 0; i < count; i++) {
      final long lastWord = words[i * stride + stride - 1];
      final int age = (nowTick - PeerWords.tick(lastWord)) & PeerWords.TICK_MASK;
      if (age <= maxAgeTicks) {
        if (kept != i) {
          System.arraycopy(words, i * stride, words, kept * stride, stride);
        }
        kept++;
        if (PeerWords.seeder(lastWord)) {
          seeders++;
        }
      }
    }
    return (long) kept << 32 | seeders;
  }

  /**
   * Returns an array of {@code count} entries' worth if {@code words} has at least twice the room
   * needed (a quarter spare is kept), else {@code words} itself.
   */
  long[] shrink(long[] words, int count) {
    final int entries = words.length / stride;
    if (entries <= 1 || entries < 2 * count) {
      return words;
    }
    return java.util.Arrays.copyOf(words, Math.max(1, count + (count >> 2)) * stride);
  }

  /** An index over the first {@code count} peers, sized for load at most one half. */
  int[] buildIndex(long[] words, int count) {
    final int capacity = Integer.highestOneBit(Math.max(count, LARGE_SWARM) * 4 - 1);
    final int[] index = new int[capacity];
    for (int i = 0; i < count; i++) {
      insertIndex(index, entryHash(words, i), i);
    }
    return index;
  }

  /**
   * Adds the peer at {@code position} (the last one, {@code count - 1}) to the index, rebuilding
   * it twice as large first if it would exceed load one half. Returns the index in use.
   */
  int[] addToIndex(int[] index, long[] words, int count) {
    if (2 * count > index.length) {
      return buildIndex(words, count);
    }
    insertIndex(index, entryHash(words, count - 1), count - 1);
    return index;
  }

  private boolean matches(long[] words, int position) {
    final int base = position * stride;
    return (words[base + stride - 1] & KEY_MASK) == keyLast
        && (stride == 1 || (words[base] == keyHi && words[base + 1] == keyLo));
  }

  private long entryHash(long[] words, int position) {
    final int base = position * stride;
    final long last = words[base + stride - 1] & KEY_MASK;
    return stride == 1
        ? Hashing.peer(seed, 1, 0, 0, last)
        : Hashing.peer(seed, stride, words[base], words[base + 1], last);
  }

  private static void insertIndex(int[] index, long hash, int position) {
    final int mask = index.length - 1;
    int slot = (int) hash & mask;
    while (index[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot] = position + 1;
  }

  private int indexSlotOfKey(int[] index, long[] words) {
    final int mask = index.length - 1;
    int slot = (int) Hashing.peer(seed, stride, keyHi, keyLo, keyLast) & mask;
    int value;
    while ((value = index[slot]) != 0) {
      if (matches(words, value - 1)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private int indexSlotOfPosition(int[] index, long[] words, int position) {
    final int mask = index.length - 1;
    int slot = (int) entryHash(words, position) & mask;
    while (index[slot] != position + 1) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
  private void deleteIndexSlot(int[] index, int slot, long[] words) {
    final int mask = index.length - 1;
    int hole = slot;
    int next = (hole + 1) & mask;
    int value;
    while ((value = index[next]) != 0) {
      final int home = (int) entryHash(words, value - 1) & mask;
      // Move the entry into the hole unless its home lies cyclically in (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        index[hole] = value;
        hole = next;
      }
      next = (next + 1) & mask;
    }
    index[hole] = 0;
  }
}
