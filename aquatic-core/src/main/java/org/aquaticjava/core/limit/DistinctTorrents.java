package org.aquaticjava.core.limit;

import org.aquaticjava.core.swarm.Hashing;

/**
 * Estimates how many distinct info hashes each source asked about in its current window, to stop
 * scrapers that walk the torrent space. Per source a HyperLogLog of {@value #REGISTERS} four-bit
 * registers (32 bytes, standard error about 13%), with its sum of 2<sup>−register</sup> kept up to
 * date so that an estimate costs a division only when a register grows. Asking about the same
 * torrent again costs nothing; only new torrents raise the estimate, which is what tells a scraper
 * from a client polling its own few hundred torrents. Info hashes are mixed with a random seed
 * first: clients choose info hashes freely and must not be able to pick ones that leave the
 * registers low.
 *
 * <p>A window starts at a source's first request and lasts {@code windowNanos}; then its registers
 * start over. Entries rank by window start, so eviction forgets the stalest window first. Memory:
 * about 64 bytes per tracked source, fixed. Single-threaded; allocation-free.
 */
final class DistinctTorrents {
  static final int REGISTERS = 64;
  private static final int WORDS = REGISTERS / 16;
  private static final double ALPHA_M2 = 0.709 * REGISTERS * REGISTERS;
  private static final double LINEAR_COUNTING_LIMIT = 2.5 * REGISTERS;

  private final SourceTable table;
  private final long[] registers;
  private final double[] inverseSums;
  private final byte[] zeros;
  private final long seed;
  private final long windowNanos;

  DistinctTorrents(long windowNanos, int entries, long seed) {
    this.table = new SourceTable(entries);
    this.registers = new long[table.capacity() * WORDS];
    this.inverseSums = new double[table.capacity()];
    this.zeros = new byte[table.capacity()];
    this.seed = seed;
    this.windowNanos = windowNanos;
  }

  /**
   * Counts one info hash (its 20 bytes as two longs and an int) for {@code key} and returns the
   * estimate of distinct info hashes of the source's window, this one included.
   */
  int add(long key, long infoHashA, long infoHashB, int infoHashC, long nowNanos) {
    int slot = table.claim(key);
    if (slot < 0) {
      slot = ~slot;
      startWindow(slot, nowNanos);
    } else if (nowNanos - table.ranks[slot] >= windowNanos) {
      startWindow(slot, nowNanos);
    }
    // The full murmur3 finalizer per word: HashCommon.mix leaves hashes that differ in few low bits
    // (info hashes a client made up, e.g. counting in their last bytes) with correlated high bits,
    // which pick the register and its rank.
    final long h = Hashing.infoHash(seed, infoHashA, infoHashB, infoHashC);
    final int register = (int) (h >>> 58);
    // Rank of the first set bit in the remaining 58 bits, capped at what four bits hold.
    final int rank = Math.min(15, Long.numberOfLeadingZeros(h << 6 | 1L << 5) + 1);
    final int word = slot * WORDS + (register >>> 4);
    final int shift = (register & 15) * 4;
    final int old = (int) (registers[word] >>> shift) & 15;
    if (rank > old) {
      registers[word] += (long) (rank - old) << shift;
      inverseSums[slot] += Math.scalb(1.0, -rank) - Math.scalb(1.0, -old);
      if (old == 0) {
        zeros[slot]--;
      }
    }
    return estimate(slot);
  }

  private void startWindow(int slot, long nowNanos) {
    table.ranks[slot] = nowNanos;
    for (int w = slot * WORDS; w < slot * WORDS + WORDS; w++) {
      registers[w] = 0;
    }
    inverseSums[slot] = REGISTERS;
    zeros[slot] = (byte) REGISTERS;
  }

  private int estimate(int slot) {
    final double raw = ALPHA_M2 / inverseSums[slot];
    final int empty = zeros[slot];
    if (raw <= LINEAR_COUNTING_LIMIT && empty > 0) {
      return (int) Math.round(REGISTERS * Math.log((double) REGISTERS / empty));
    }
    return (int) Math.min(raw, Integer.MAX_VALUE);
  }
}
