package org.aquaticjava.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.aquaticjava.core.net.IpAddressBytes;
import org.jspecify.annotations.Nullable;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}) or a single address ({@code
 * 192.0.2.1} means {@code /32}, an IPv6 address {@code /128}). IPv4-mapped IPv6 addresses are
 * matched as IPv4, the way the tracker canonicalises clients. Immutable and thread-safe.
 *
 * @param address the network's address bytes (4 or 16), host bits cleared
 * @param prefixLength leading bits that must match
 */
record Cidr(byte[] address, int prefixLength) {

  /**
   * Parses {@code text}; only literals, never a DNS lookup.
   *
   * @throws IllegalArgumentException with a message naming {@code text} and the problem
   */
  static Cidr parse(String text) {
    final int slash = text.indexOf('/');
    final String host = slash < 0 ? text : text.substring(0, slash);
    final InetAddress parsed = IpLiteral.parse(host);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a CIDR such as 10.0.0.0/8 or ::1/128: \"" + host
              + "\" is not an IP address");
    }
    final byte[] bytes = canonical(parsed.getAddress()); // a fresh array: host bits are cleared in it
    final int maxBits = bytes.length * 8;
    int prefix = maxBits;
    if (slash >= 0) {
      final String bits = text.substring(slash + 1);
      if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
          || Integer.parseInt(bits) > maxBits) {
        throw new IllegalArgumentException(
            "\"" + text + "\" is not a CIDR: the prefix length must be 0 to " + maxBits);
      }
      prefix = Integer.parseInt(bits);
    }
    for (int bit = prefix; bit < maxBits; bit++) {
      bytes[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
    }
    return new Cidr(bytes, prefix);
  }

  /** Whether {@code candidate} (4 or 16 bytes, IPv4-mapped allowed) lies in this network. */
  boolean contains(byte[] candidate) {
    final byte[] bytes = canonical(candidate);
    if (bytes.length != address.length) {
      return false;
    }
    final int full = prefixLength >>> 3;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != address[i]) {
        return false;
      }
    }
    final int rest = prefixLength & 7;
    if (rest == 0) {
      return true;
    }
    final int mask = (0xFF00 >>> rest) & 0xFF;
    return (bytes[full] & mask) == (address[full] & mask);
  }

  /** IPv4-mapped IPv6 bytes become the 4 IPv4 bytes (a copy); others are returned as they are. */
  private static byte[] canonical(byte[] bytes) {
    return IpAddressBytes.isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(address).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Cidr c
        && c.prefixLength == prefixLength
        && Arrays.equals(c.address, address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + prefixLength;
  }
}
