package org.aquaticjava.core.swarm;

import java.util.HexFormat;

/**
 * Mutable, reusable holder of a 20-byte BitTorrent info hash as three primitives, so that lookups
 * allocate nothing. Bytes 0-7 are {@link #a}, 8-15 {@link #b} and 16-19 {@link #c}, each
 * big-endian ({@link IdWords}).
 *
 * <p>Not thread-safe: each thread reuses its own instance.
 */
public final class InfoHash {
  /** Number of bytes in an info hash. */
  public static final int LENGTH = IdWords.LENGTH;

  private static final HexFormat HEX = HexFormat.of();

  /** Bytes 0-7, big-endian. */
  public long a;

  /** Bytes 8-15, big-endian. */
  public long b;

  /** Bytes 16-19, big-endian. */
  public int c;

  /** Sets all three parts and returns this holder. */
  public InfoHash set(long a, long b, int c) {
    this.a = a;
    this.b = b;
    this.c = c;
    return this;
  }

  /** Reads 20 bytes from {@code src} at {@code off} and returns this holder. */
  public InfoHash setBytes(byte[] src, int off) {
    a = IdWords.a(src, off);
    b = IdWords.b(src, off);
    c = IdWords.c(src, off);
    return this;
  }

  /** Writes the 20 bytes into {@code dst} at {@code off}. */
  public void writeBytes(byte[] dst, int off) {
    IdWords.write(dst, off, a, b, c);
  }

  /** Parses 40 hex digits (either case). */
  public static InfoHash ofHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("an info hash has 40 hex digits: " + hex);
    }
    return new InfoHash().setBytes(HEX.parseHex(hex), 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfoHash other && a == other.a && b == other.b && c == other.c;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(a) * 31 * 31 + Long.hashCode(b) * 31 + c;
  }

  /** The 40 lower-case hex digits. */
  @Override
  public String toString() {
    final byte[] bytes = new byte[LENGTH];
    writeBytes(bytes, 0);
    return HEX.formatHex(bytes);
  }
}
