package org.aquaticjava.cluster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.aquaticjava.core.swarm.AnnounceSlot;

/**
 * Swarm changes of one shard on their way to the other nodes: a reusable byte buffer of up to
 * {@code capacity} changes, each one announce as the store applied it.
 *
 * <p>A change is 31 bytes for IPv4 and 43 for IPv6, big-endian: flags (u8: 1 IPv6, 2 seeder, 4
 * stopped, 8 completed), port (u16), announce second of the cluster's shared server clock (i32),
 * info hash (20), source address (4 or 16).
 *
 * <p>Not thread-safe: written under the shard's lock, then handed whole to the sending thread.
 */
final class ChangeBatch {
  static final int IPV4_CHANGE_BYTES = 1 + 2 + 4 + 20 + 4;
  static final int IPV6_CHANGE_BYTES = IPV4_CHANGE_BYTES + 12;
  static final int FLAG_IPV6 = 1;
  static final int FLAG_SEEDER = 2;
  static final int FLAG_STOPPED = 4;
  static final int FLAG_COMPLETED = 8;
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] bytes;
  private final int capacity;
  private int count;
  private int length;

  ChangeBatch(int capacity) {
    this.capacity = capacity;
    this.bytes = new byte[capacity * IPV6_CHANGE_BYTES];
  }

  /** Appends the announce {@code req} applied at {@code second}; returns whether the batch is now full. */
  boolean add(AnnounceSlot req, int second) {
    int at = length;
    final byte[] b = bytes;
    b[at] =
        (byte)
            ((req.ipv6 ? FLAG_IPV6 : 0)
                | (req.seeder ? FLAG_SEEDER : 0)
                | (req.stopped ? FLAG_STOPPED : 0)
                | (req.completed ? FLAG_COMPLETED : 0));
    b[at + 1] = (byte) (req.port >>> 8);
    b[at + 2] = (byte) req.port;
    INT.set(b, at + 3, second);
    req.infoHash.writeBytes(b, at + 7);
    at += 27;
    if (req.ipv6) {
      LONG.set(b, at, req.ipv6High);
      LONG.set(b, at + 8, req.ipv6Low);
      at += 16;
    } else {
      INT.set(b, at, req.ipv4);
      at += 4;
    }
    length = at;
    return ++count == capacity;
  }

  int count() {
    return count;
  }

  /** Bytes of the changes, from offset 0. */
  int length() {
    return length;
  }

  byte[] bytes() {
    return bytes;
  }

  void clear() {
    count = 0;
    length = 0;
  }

  /**
   * Reads the change at {@code at} of {@code b} (within {@code end}) into {@code req} (peers wanted
   * 0) and returns its announce second in {@code second[0]}; returns the offset after it, or -1 if
   * the change is cut short.
   */
  static int read(byte[] b, int at, int end, AnnounceSlot req, int[] second) {
    if (end - at < IPV4_CHANGE_BYTES) {
      return -1;
    }
    final int flags = b[at];
    final boolean ipv6 = (flags & FLAG_IPV6) != 0;
    if (ipv6 && end - at < IPV6_CHANGE_BYTES) {
      return -1;
    }
    req.ipv6 = ipv6;
    req.seeder = (flags & FLAG_SEEDER) != 0;
    req.stopped = (flags & FLAG_STOPPED) != 0;
    req.completed = (flags & FLAG_COMPLETED) != 0;
    req.port = (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
    second[0] = (int) INT.get(b, at + 3);
    req.infoHash.setBytes(b, at + 7);
    req.peersWanted = 0;
    if (ipv6) {
      req.ipv6High = (long) LONG.get(b, at + 27);
      req.ipv6Low = (long) LONG.get(b, at + 35);
      req.ipv4 = 0;
      return at + IPV6_CHANGE_BYTES;
    }
    req.ipv4 = (int) INT.get(b, at + 27);
    req.ipv6High = 0;
    req.ipv6Low = 0;
    return at + IPV4_CHANGE_BYTES;
  }
}
