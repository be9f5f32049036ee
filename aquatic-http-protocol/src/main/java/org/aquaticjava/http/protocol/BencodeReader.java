package org.aquaticjava.http.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Strict bencode decoder for clients (tests, load tester): exactly one value and nothing after it.
 * For any input it returns a value or throws {@link BencodeException}, never anything else.
 * Immutable and thread-safe. Allocates a tree; not meant for the server's hot path.
 *
 * <table>
 *   <caption>Limits and rules</caption>
 *   <tr><th>Rule</th><th>Default</th><th>When broken</th></tr>
 *   <tr><td>input length</td><td>{@value #DEFAULT_MAX_INPUT_LENGTH} bytes</td><td>refused before
 *       decoding</td></tr>
 *   <tr><td>nesting of lists and dictionaries</td><td>{@value #DEFAULT_MAX_DEPTH}</td><td>refused
 *       (bounds the recursion)</td></tr>
 *   <tr><td>integers: {@code -?[1-9][0-9]*} or {@code 0}, fitting a {@code long}</td><td></td>
 *       <td>refused ({@code i-0e}, {@code i03e}, {@code ie})</td></tr>
 *   <tr><td>string lengths: no leading zeros, within the input</td><td></td><td>refused before
 *       allocating</td></tr>
 *   <tr><td>dictionary keys: byte strings, strictly ascending byte order</td><td></td>
 *       <td>refused (unsorted or duplicate)</td></tr>
 * </table>
 *
 * Every value takes at least two input bytes, so the tree is bounded by the input length.
 */
public final class BencodeReader {
  public static final int DEFAULT_MAX_INPUT_LENGTH = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 32;

  private final int maxInputLength;
  private final int maxDepth;

  /** A reader with the default limits. */
  public BencodeReader() {
    this(DEFAULT_MAX_INPUT_LENGTH, DEFAULT_MAX_DEPTH);
  }

  public BencodeReader(int maxInputLength, int maxDepth) {
    if (maxInputLength < 1 || maxDepth < 1) {
      throw new IllegalArgumentException(
          "limits must be >= 1: " + maxInputLength + ", " + maxDepth);
    }
    this.maxInputLength = maxInputLength;
    this.maxDepth = maxDepth;
  }

  /** Decodes the readable bytes of {@code input} without moving its indexes. */
  public BencodeValue read(ByteBuf input) throws BencodeException {
    checkLength(input.readableBytes());
    return read(ByteBufUtil.getBytes(input));
  }

  /** Decodes all of {@code input}. */
  public BencodeValue read(byte[] input) throws BencodeException {
    checkLength(input.length);
    final Cursor cursor = new Cursor(input);
    final BencodeValue value = cursor.value(0);
    if (cursor.position != input.length) {
      throw new BencodeException("trailing bytes after the value", cursor.position);
    }
    return value;
  }

  private void checkLength(int length) throws BencodeException {
    if (length > maxInputLength) {
      throw new BencodeException("input of " + length + " bytes exceeds " + maxInputLength, 0);
    }
  }

  /** One decoding pass. */
  private final class Cursor {
    private final byte[] input;
    private int position;

    Cursor(byte[] input) {
      this.input = input;
    }

    BencodeValue value(int depth) throws BencodeException {
      final int type = peek();
      return switch (type) {
        case 'i' -> {
          position++;
          yield new BencodeValue.Int(integer('e'));
        }
        case 'l' -> list(depth + 1);
        case 'd' -> dict(depth + 1);
        default -> {
          if (type < '0' || type > '9') {
            throw new BencodeException("unexpected byte 0x" + Integer.toHexString(type), position);
          }
          yield new BencodeValue.Bytes(string());
        }
      };
    }

    private BencodeValue list(int depth) throws BencodeException {
      checkDepth(depth);
      position++;
      final List<BencodeValue> items = new ArrayList<>();
      while (peek() != 'e') {
        items.add(value(depth));
      }
      position++;
      return new BencodeValue.ListValue(items);
    }

    private BencodeValue dict(int depth) throws BencodeException {
      checkDepth(depth);
      position++;
      final Map<String, BencodeValue> entries = new LinkedHashMap<>();
      byte @Nullable [] previous = null;
      while (peek() != 'e') {
        final int keyAt = position;
        final int first = peek();
        if (first < '0' || first > '9') {
          throw new BencodeException("dictionary key is not a byte string", keyAt);
        }
        final byte[] key = string();
        if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
          throw new BencodeException("dictionary keys not in ascending order", keyAt);
        }
        previous = key;
        entries.put(new String(key, StandardCharsets.ISO_8859_1), value(depth));
      }
      position++;
      return new BencodeValue.Dict(entries);
    }

    private byte[] string() throws BencodeException {
      final int start = position;
      final long length = integer(':');
      if (length < 0) {
        throw new BencodeException("negative string length", start);
      }
      if (length > input.length - position) {
        throw new BencodeException("string of " + length + " bytes runs past the end", start);
      }
      final byte[] bytes = Arrays.copyOfRange(input, position, position + (int) length);
      position += (int) length;
      return bytes;
    }

    /** A canonical decimal ended by {@code terminator}, which is consumed. */
    private long integer(int terminator) throws BencodeException {
      final int start = position;
      final boolean negative = peek() == '-';
      if (negative) {
        position++;
      }
      final int digitsStart = position;
      long negated = 0; // accumulated negatively so that Long.MIN_VALUE fits
      int c;
      while ((c = peek()) != terminator) {
        final int digit = c - '0';
        if (digit < 0 || digit > 9) {
          throw new BencodeException("not a decimal digit", position);
        }
        if (negated < (Long.MIN_VALUE + digit) / 10) {
          throw new BencodeException("integer does not fit 64 bits", start);
        }
        negated = negated * 10 - digit;
        position++;
      }
      final int digits = position - digitsStart;
      if (digits == 0
          || (digits > 1 && input[digitsStart] == '0')
          || (negative && negated == 0)) {
        throw new BencodeException("not a canonical integer", start);
      }
      if (!negative && negated == Long.MIN_VALUE) {
        throw new BencodeException("integer does not fit 64 bits", start);
      }
      position++;
      return negative ? negated : -negated;
    }

    private int peek() throws BencodeException {
      if (position >= input.length) {
        throw new BencodeException("unexpected end of input", position);
      }
      return input[position] & 0xFF;
    }

    private void checkDepth(int depth) throws BencodeException {
      if (depth > maxDepth) {
        throw new BencodeException("nesting deeper than " + maxDepth, position);
      }
    }
  }
}
