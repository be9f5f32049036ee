package org.aquaticjava.core.swarm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one packing of a 20-byte id (an info hash, a peer id, a WebTorrent offer id) into the three
 * primitives every table and holder keys by: bytes 0-7 as the big-endian {@code long a}, 8-15 as
 * {@code long b} and 16-19 as the big-endian {@code int c}. Comparing (a, b, c) unsigned, in that
 * order, is comparing the bytes. {@link InfoHash} holds one; {@link Hashing#infoHash} hashes one.
 *
 * <p>Stateless and thread-safe; allocation-free.
 */
public final class IdWords {
  /** Number of bytes in an id. */
  public static final int LENGTH = 20;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private IdWords() {}

  /** Bytes 0-7 of the id at {@code offset} of {@code id}. */
  public static long a(byte[] id, int offset) {
    return (long) LONG.get(id, offset);
  }

  /** Bytes 8-15 of the id at {@code offset} of {@code id}. */
  public static long b(byte[] id, int offset) {
    return (long) LONG.get(id, offset + 8);
  }

  /** Bytes 16-19 of the id at {@code offset} of {@code id}. */
  public static int c(byte[] id, int offset) {
    return (int) INT.get(id, offset + 16);
  }

  /** Writes the 20 bytes of the id {@code (a, b, c)} into {@code dst} at {@code offset}. */
  public static void write(byte[] dst, int offset, long a, long b, int c) {
    LONG.set(dst, offset, a);
    LONG.set(dst, offset + 8, b);
    INT.set(dst, offset + 16, c);
  }
}
