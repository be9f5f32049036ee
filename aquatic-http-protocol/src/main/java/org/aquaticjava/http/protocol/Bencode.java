package org.aquaticjava.http.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Bencode primitives written at the writer index of a buffer without allocating (protocols.md
 * §3.4): integers {@code i<decimal>e}, byte strings {@code <length>:<bytes>}, and ASCII decimals.
 * Dictionaries and lists are the callers' job ({@code d}/{@code l} ... {@code e}, keys in sorted
 * byte order). Stateless and thread-safe.
 */
public final class Bencode {
  /** Most characters of a decimal {@code long}: 19 digits and a sign. */
  public static final int MAX_DECIMAL_LENGTH = 20;

  private static final byte[] LONG_MIN_VALUE = ascii(Long.toString(Long.MIN_VALUE));

  private Bencode() {}

  /** Writes {@code value} as ASCII decimal: no leading zeros, {@code -} for negatives. */
  public static void writeDecimal(ByteBuf out, long value) {
    if (value == Long.MIN_VALUE) {
      out.writeBytes(LONG_MIN_VALUE);
      return;
    }
    final int length = decimalLength(value);
    out.ensureWritable(length);
    final int start = out.writerIndex();
    long rest = Math.abs(value);
    int i = start + length;
    do {
      out.setByte(--i, (int) ('0' + rest % 10));
      rest /= 10;
    } while (rest != 0);
    if (value < 0) {
      out.setByte(start, '-');
    }
    out.writerIndex(start + length);
  }

  /** Characters {@link #writeDecimal} writes for {@code value}. */
  public static int decimalLength(long value) {
    if (value == Long.MIN_VALUE) {
      return MAX_DECIMAL_LENGTH;
    }
    long rest = Math.abs(value);
    int digits = 1;
    while (rest >= 10) {
      rest /= 10;
      digits++;
    }
    return value < 0 ? digits + 1 : digits;
  }

  /** Writes the integer {@code i<value>e}. */
  public static void writeInteger(ByteBuf out, long value) {
    out.writeByte('i');
    writeDecimal(out, value);
    out.writeByte('e');
  }

  /** Writes the length prefix {@code <length>:} of a byte string whose bytes the caller writes. */
  public static void writeStringHeader(ByteBuf out, int length) {
    writeDecimal(out, length);
    out.writeByte(':');
  }

  /** Writes the byte string {@code <length>:<bytes>}. */
  public static void writeString(ByteBuf out, byte[] bytes) {
    writeString(out, bytes, 0, bytes.length);
  }

  /** Writes the byte string of {@code bytes[offset, offset + length)}. */
  public static void writeString(ByteBuf out, byte[] bytes, int offset, int length) {
    writeStringHeader(out, length);
    out.writeBytes(bytes, offset, length);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
