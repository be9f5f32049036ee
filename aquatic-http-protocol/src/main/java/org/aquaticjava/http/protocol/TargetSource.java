package org.aquaticjava.http.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The request target as a sequence of bytes, whatever holds it: the parser reads through this so it
 * is written once for {@link CharSequence}s (Netty's {@code HttpRequest.uri()}, one char per byte)
 * and {@link ByteBuf}s. A reusable view owned by one {@link HttpQuery}; not thread-safe.
 */
abstract sealed class TargetSource permits TargetSource.OfChars, TargetSource.OfBytes {
  /** What {@link #at} returns for a character above U+00FF: it cannot stand for a byte. */
  static final int NOT_A_BYTE = -1;

  abstract int length();

  /** The byte at {@code i} (0..255), or {@link #NOT_A_BYTE}. */
  abstract int at(int i);

  /** Drops the reference to the parsed target so the slot does not keep it alive. */
  abstract void clear();

  /** Chars U+0000..U+00FF are the bytes 0x00..0xFF (how Netty decodes a request line). */
  static final class OfChars extends TargetSource {
    private CharSequence chars = "";
    private int length;

    OfChars reset(CharSequence target) {
      chars = target;
      length = target.length();
      return this;
    }

    @Override
    int length() {
      return length;
    }

    @Override
    int at(int i) {
      final char c = chars.charAt(i);
      return c <= 0xFF ? c : NOT_A_BYTE;
    }

    @Override
    void clear() {
      chars = "";
      length = 0;
    }
  }

  /** A region of a buffer, read with absolute indexes (no index of the buffer moves). */
  static final class OfBytes extends TargetSource {
    private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
    private int offset;
    private int length;

    OfBytes reset(ByteBuf target, int index, int length) {
      buffer = target;
      offset = index;
      this.length = length;
      return this;
    }

    @Override
    int length() {
      return length;
    }

    @Override
    int at(int i) {
      return buffer.getUnsignedByte(offset + i);
    }

    @Override
    void clear() {
      buffer = Unpooled.EMPTY_BUFFER;
      length = 0;
    }
  }
}
