package org.aquaticjava.http.protocol;

/**
 * Packing of a 20-byte info hash into three primitives, the form every slot and writer here uses:
 * {@code a} = bytes 0-7 and {@code b} = bytes 8-15 as big-endian longs, {@code c} = bytes 16-19 as a
 * big-endian int. Comparing (a, b, c) unsigned, in that order, is comparing the bytes: the order
 * of bencoded dictionary keys.
 */
final class InfoHashes {
  static final int LENGTH = 20;

  private InfoHashes() {}

  static long a(byte[] hash) {
    return longAt(hash, 0);
  }

  static long b(byte[] hash) {
    return longAt(hash, 8);
  }

  static int c(byte[] hash) {
    return (int) (longAt(hash, 12));
  }

  /** Byte-wise order of two packed hashes: negative, zero or positive. */
  static int compare(long a1, long b1, int c1, long a2, long b2, int c2) {
    int order = Long.compareUnsigned(a1, a2);
    if (order == 0) {
      order = Long.compareUnsigned(b1, b2);
    }
    return order != 0 ? order : Integer.compareUnsigned(c1, c2);
  }

  private static long longAt(byte[] bytes, int index) {
    long value = 0;
    for (int i = index; i < index + 8; i++) {
      value = value << 8 | (bytes[i] & 0xFF);
    }
    return value;
  }
}
