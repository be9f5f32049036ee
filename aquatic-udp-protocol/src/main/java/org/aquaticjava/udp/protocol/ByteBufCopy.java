package org.aquaticjava.udp.protocol;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Copies datagram bytes into a byte array without allocating, whatever the buffer's kind.
 * {@code ByteBuf.getBytes(int, byte[], ...)} cannot promise that: on a direct buffer backed by a
 * {@link java.nio.ByteBuffer} (what Netty uses on JDK 24+ unless {@code sun.misc.Unsafe} memory
 * access is allowed, also as the adaptive allocator's chunks) it duplicates the NIO buffer on every
 * call, and whether C2's escape analysis removes that 64-byte object depends on inlining decisions
 * that differ from one JVM run to the next. Reading words through {@code getLong} never allocates.
 * Stateless.
 */
final class ByteBufCopy {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private ByteBufCopy() {}

  /**
   * Copies {@code length} bytes at absolute {@code index} of {@code src} (indices unchanged) to
   * {@code dst} from {@code dstIndex}.
   *
   * @throws IndexOutOfBoundsException if either range is out of bounds, like {@code getBytes}
   */
  static void copy(ByteBuf src, int index, byte[] dst, int dstIndex, int length) {
    Objects.checkFromIndexSize(dstIndex, length, dst.length);
    int i = 0;
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      LONG.set(dst, dstIndex + i, src.getLong(index + i));
    }
    for (; i < length; i++) {
      dst[dstIndex + i] = src.getByte(index + i);
    }
  }
}
