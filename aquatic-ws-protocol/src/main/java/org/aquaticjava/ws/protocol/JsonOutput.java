package org.aquaticjava.ws.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The JSON primitives both writers share: binary strings, decimals and constant ASCII, written
 * straight into a {@link ByteBuf} without intermediate strings. Stateless.
 *
 * <p>A binary string maps each byte to the char of the same value and escapes it exactly like
 * {@code JSON.stringify}: {@code "} and {@code \} with a backslash, {@code \b \f \n \r \t} short,
 * other controls as lower-case <code>&#92;u00xx</code>, DEL raw, 0x80–0xFF as the two UTF-8 bytes of
 * U+0080–U+00FF.
 */
final class JsonOutput {
  /** Binary strings are 20 bytes on the wire. */
  static final int BINARY_LENGTH = 20;
  /** Longest JSON literal of a binary string: 20 six-byte escapes and two quotes. */
  static final int MAX_BINARY_LITERAL = BINARY_LENGTH * 6 + 2;
  /** Longest decimal of a long: sign and 19 digits. */
  static final int MAX_LONG_DIGITS = 20;

  private static final byte[][] BYTE_ESCAPES = new byte[256][];

  static {
    for (int b = 0; b < 256; b++) {
      BYTE_ESCAPES[b] = b < 0x80
          ? ascii(escapedAscii((char) b))
          : new byte[] {(byte) (0xC0 | (b >>> 6)), (byte) (0x80 | (b & 0x3F))};
    }
  }

  private JsonOutput() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@link #ascii} of each string, in order (key tables for {@link JsonCursor#stringIndex}). */
  static byte[][] asciiAll(String... strings) {
    final byte[][] all = new byte[strings.length][];
    for (int i = 0; i < strings.length; i++) {
      all[i] = ascii(strings[i]);
    }
    return all;
  }

  /** The JSON string content for an ASCII char, as JSON.stringify writes it. */
  static String escapedAscii(char c) {
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    };
  }

  /** Writes the 20 bytes at {@code src[offset..]} as a quoted binary string. */
  static void writeBinary(ByteBuf out, byte[] src, int offset) {
    out.ensureWritable(MAX_BINARY_LITERAL);
    out.writeByte('"');
    for (int i = offset, end = offset + BINARY_LENGTH; i < end; i++) {
      final int b = src[i] & 0xFF;
      if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\') {
        out.writeByte(b);
      } else {
        out.writeBytes(BYTE_ESCAPES[b]);
      }
    }
    out.writeByte('"');
  }

  /** Writes {@code value} in decimal. */
  static void writeLong(ByteBuf out, long value) {
    out.ensureWritable(MAX_LONG_DIGITS);
    if (value < 0) {
      out.writeByte('-');
      if (value == Long.MIN_VALUE) {
        out.writeBytes(LONG_MIN_DIGITS);
        return;
      }
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    final int start = out.writerIndex();
    for (int i = start + digits - 1; i >= start; i--) {
      out.setByte(i, (int) ('0' + value % 10));
      value /= 10;
    }
    out.writerIndex(start + digits);
  }

  private static final byte[] LONG_MIN_DIGITS = ascii("9223372036854775808");
}
