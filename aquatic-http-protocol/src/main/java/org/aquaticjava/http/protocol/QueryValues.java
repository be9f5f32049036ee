package org.aquaticjava.http.protocol;

/**
 * Reading pieces of a request target without allocating: searching, comparing keys, percent-
 * decoding and decimal numbers. Stateless; every range is {@code [start, end)} of a {@link
 * TargetSource}.
 */
final class QueryValues {
  /** {@link #percentDecode} result: a {@code %} without two hex digits, or a non-byte character. */
  static final int MALFORMED = -1;
  /** {@link #percentDecode} result: more bytes than the destination holds. */
  static final int TOO_LONG = -2;
  /** {@link #parseDecimal} result for anything that is not a decimal in (MIN_VALUE, MAX_VALUE]. */
  static final long NOT_A_NUMBER = Long.MIN_VALUE;

  private QueryValues() {}

  /** Index of the first {@code b} in the range, or {@code end}. */
  static int indexOf(TargetSource source, int b, int start, int end) {
    for (int i = start; i < end; i++) {
      if (source.at(i) == b) {
        return i;
      }
    }
    return end;
  }

  /** Whether the range holds exactly {@code expected}. */
  static boolean equals(TargetSource source, int start, int end, byte[] expected) {
    if (end - start != expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (source.at(start + i) != (expected[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes the range into {@code destination} (protocols.md §3.3): {@code %XX} with hex digits of
   * either case is one byte, {@code +} and every other byte stand for themselves.
   *
   * @return the number of bytes decoded, {@link #MALFORMED} or {@link #TOO_LONG}
   */
  static int percentDecode(TargetSource source, int start, int end, byte[] destination) {
    int length = 0;
    int i = start;
    while (i < end) {
      int value = source.at(i);
      if (value == TargetSource.NOT_A_BYTE) {
        return MALFORMED;
      }
      if (value == '%') {
        if (end - i < 3) {
          return MALFORMED;
        }
        final int high = hexDigit(source.at(i + 1));
        final int low = hexDigit(source.at(i + 2));
        if (high < 0 || low < 0) {
          return MALFORMED;
        }
        value = high << 4 | low;
        i += 3;
      } else {
        i++;
      }
      if (length == destination.length) {
        return TOO_LONG;
      }
      destination[length++] = (byte) value;
    }
    return length;
  }

  /**
   * An optionally negative decimal of 1 to 19 digits (leading zeros allowed, as clients send them
   * for no reason, but no {@code +}, spaces or fractions).
   *
   * @return the value, or {@link #NOT_A_NUMBER} (also for -9223372036854775808 itself)
   */
  static long parseDecimal(TargetSource source, int start, int end) {
    final boolean negative = start < end && source.at(start) == '-';
    int i = negative ? start + 1 : start;
    if (i == end) {
      return NOT_A_NUMBER;
    }
    long value = 0;
    for (; i < end; i++) {
      final int digit = source.at(i) - '0';
      if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
        return NOT_A_NUMBER;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  private static int hexDigit(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    final int lower = c | 0x20;
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }
}
