package org.aquaticjava.http.protocol;

import io.netty.buffer.ByteBuf;

/**
 * IP addresses as text, written without allocating, for the {@code ip} of dictionary peer lists
 * (BEP 3). IPv4 is dotted decimal; IPv6 is the RFC 5952 canonical form (lower-case hex, no leading
 * zeros, the longest run of two or more zero groups, the first on a tie, shortened to {@code ::}).
 * IPv4-mapped addresses are not given the dotted tail RFC 5952 §5 recommends: the server stores
 * them as IPv4 peers. Stateless and thread-safe.
 */
final class IpText {
  private static final int GROUPS = 8;
  private static final byte[] HEX = Bencode.ascii("0123456789abcdef");

  private IpText() {}

  /** Characters of {@code a.b.c.d} for a big-endian IPv4 address. */
  static int ipv4Length(int ip) {
    int length = 3;
    for (int shift = 24; shift >= 0; shift -= 8) {
      length += Bencode.decimalLength((ip >>> shift) & 0xFF);
    }
    return length;
  }

  static void writeIpv4(ByteBuf out, int ip) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      Bencode.writeDecimal(out, (ip >>> shift) & 0xFF);
      if (shift > 0) {
        out.writeByte('.');
      }
    }
  }

  /** Characters of the canonical text of the IPv6 address whose bytes 0-7 / 8-15 are hi / lo. */
  static int ipv6Length(long high, long low) {
    final long zeroRun = longestZeroRun(high, low);
    final int runStart = (int) (zeroRun >>> 32);
    final int runLength = (int) zeroRun;
    int length = 0;
    for (int g = 0; g < GROUPS; g++) {
      if (runLength > 0 && g == runStart) {
        length += 2; // "::" replaces the run and the separators on both sides
        g += runLength - 1;
        continue;
      }
      if (g > 0 && !(runLength > 0 && g == runStart + runLength)) {
        length++;
      }
      length += hexDigits(group(high, low, g));
    }
    return length;
  }

  static void writeIpv6(ByteBuf out, long high, long low) {
    final long zeroRun = longestZeroRun(high, low);
    final int runStart = (int) (zeroRun >>> 32);
    final int runLength = (int) zeroRun;
    for (int g = 0; g < GROUPS; g++) {
      if (runLength > 0 && g == runStart) {
        out.writeByte(':').writeByte(':');
        g += runLength - 1;
        continue;
      }
      if (g > 0 && !(runLength > 0 && g == runStart + runLength)) {
        out.writeByte(':');
      }
      final int value = group(high, low, g);
      for (int shift = (hexDigits(value) - 1) * 4; shift >= 0; shift -= 4) {
        out.writeByte(HEX[(value >>> shift) & 0xF]);
      }
    }
  }

  private static int group(long high, long low, int g) {
    final long half = g < 4 ? high : low;
    return (int) (half >>> (48 - 16 * (g & 3))) & 0xFFFF;
  }

  private static int hexDigits(int value) {
    return value == 0 ? 1 : (35 - Integer.numberOfLeadingZeros(value)) / 4;
  }

  /** The longest run of at least two zero groups as {@code start << 32 | length}; length 0: none. */
  private static long longestZeroRun(long high, long low) {
    int bestStart = 0;
    int bestLength = 0;
    int runStart = 0;
    int runLength = 0;
    for (int g = 0; g < GROUPS; g++) {
      if (group(high, low, g) == 0) {
        if (runLength == 0) {
          runStart = g;
        }
        runLength++;
        if (runLength > bestLength) {
          bestStart = runStart;
          bestLength = runLength;
        }
      } else {
        runLength = 0;
      }
    }
    return bestLength >= 2 ? (long) bestStart << 32 | bestLength : 0;
  }
}
