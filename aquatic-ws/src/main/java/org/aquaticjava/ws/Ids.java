package org.aquaticjava.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.aquaticjava.core.swarm.Hashing;

/**
 * 20-byte ids (info hashes, peer ids, offer ids) as three primitives, read big-endian: bytes 0-7
 * ({@code a}), 8-15 ({@code b}) and 16-19 ({@code c}), the same split the access list uses; and a
 * seeded hash of them. Ids are chosen by clients, so tables keyed by them hash with a per-process
 * secret seed (MurmurHash3's finalizer between parts) to keep collisions out of clients' reach.
 * Stateless.
 */
final class Ids {
  static final int LENGTH = 20;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Ids() {}

  static long a(byte[] id, int offset) {
    return (long) LONG.get(id, offset);
  }

  static long b(byte[] id, int offset) {
    return (long) LONG.get(id, offset + 8);
  }

  static int c(byte[] id, int offset) {
    return (int) INT.get(id, offset + 16);
  }

  static long hash(long seed, long a, long b, int c) {
    return Hashing.infoHash(seed, a, b, c);
  }
}
