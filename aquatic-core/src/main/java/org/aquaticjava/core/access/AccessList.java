package org.aquaticjava.core.access;

import org.aquaticjava.core.config.AccessListMode;
import org.aquaticjava.core.swarm.Hashing;
import org.aquaticjava.core.swarm.InfoHashFilter;

/**
 * Immutable set of 20-byte info hashes plus the filtering mode. A hash is passed as three
 * primitives read big-endian from the wire: bytes 0-7 ({@code a}), 8-15 ({@code b}) and 16-19
 * ({@code c}), e.g. {@code buf.getLong(off), buf.getLong(off + 8), buf.getInt(off + 16)}.
 *
 * <p>Open addressing with linear probing over parallel primitive arrays, load factor at most 1/2,
 * so a lookup touches a few cache lines and allocates nothing. Safe to share between any number of
 * threads once published (all fields final).
 */
public final class AccessList implements InfoHashFilter {
  private static final AccessList OFF =
      new AccessList(AccessListMode.OFF, new long[0], new long[0], new int[0]);

  private final AccessListMode mode;
  private final int size;
  private final int mask;
  private final long[] as;
  private final long[] bs;
  private final int[] cs;
  private final boolean[] used;

  /** The list that allows everything ({@code mode = off}); it holds no hashes. */
  public static AccessList off() {
    return OFF;
  }

  /**
   * A list in {@code mode} over the hashes at index {@code i} of the three arrays (duplicates are
   * stored once). The arrays are not retained.
   */
  public static AccessList of(AccessListMode mode, long[] a, long[] b, int[] c) {
    return new AccessList(mode, a, b, c);
  }

  private AccessList(AccessListMode mode, long[] a, long[] b, int[] c) {
    if (a.length != b.length || a.length != c.length) {
      throw new IllegalArgumentException("hash part arrays differ in length");
    }
    this.mode = mode;
    final int capacity = Integer.highestOneBit(Math.max(4, a.length) * 2 - 1) << 1;
    this.mask = capacity - 1;
    this.as = new long[capacity];
    this.bs = new long[capacity];
    this.cs = new int[capacity];
    this.used = new boolean[capacity];
    int distinct = 0;
    for (int i = 0; i < a.length; i++) {
      int slot = slot(a[i], b[i], c[i]);
      while (used[slot] && !matches(slot, a[i], b[i], c[i])) {
        slot = (slot + 1) & mask;
      }
      if (!used[slot]) {
        used[slot] = true;
        as[slot] = a[i];
        bs[slot] = b[i];
        cs[slot] = c[i];
        distinct++;
      }
    }
    this.size = distinct;
  }

  /** Whether announces for this info hash are served under this list's mode. */
  @Override
  public boolean allows(long a, long b, int c) {
    return switch (mode) {
      case OFF -> true;
      case ALLOW -> contains(a, b, c);
      case DENY -> !contains(a, b, c);
    };
  }

  /** Whether the hash is listed (regardless of mode). */
  public boolean contains(long a, long b, int c) {
    int slot = slot(a, b, c);
    while (used[slot]) {
      if (matches(slot, a, b, c)) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    return false;
  }

  public AccessListMode mode() {
    return mode;
  }

  /** Number of distinct listed hashes. */
  public int size() {
    return size;
  }

  private boolean matches(int slot, long a, long b, int c) {
    return as[slot] == a && bs[slot] == b && cs[slot] == c;
  }

  /**
   * Info hashes are SHA-1 output, but the list and the lookups may be chosen by someone wanting
   * collisions, so all 160 bits are mixed (murmur3 finalizer) rather than using one word as is.
   */
  private int slot(long a, long b, int c) {
    return (int) Hashing.fmix(a * 0x9E3779B97F4A7C15L ^ b ^ ((long) c << 32 | (c & 0xffff_ffffL)))
        & mask;
  }

  @Override
  public String toString() {
    return "AccessList[mode=" + mode + ", size=" + size + "]";
  }
}
