package org.aquaticjava.core.net;

/**
 * Reads the raw bytes of an IP address ({@code InetAddress.getAddress()}, network order) as the
 * words the trackers keep addresses in: IPv4 as one {@code int}, IPv6 as two {@code long}s. Every
 * tracker treats an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, from a dual-stack socket or
 * a proxy header) as the IPv4 address it maps, so one host is one peer and one source. Stateless;
 * allocation-free.
 */
public final class IpAddressBytes {
  private IpAddressBytes() {}

  /** Whether {@code b} is 16 bytes of an IPv4-mapped IPv6 address. */
  public static boolean isIpv4Mapped(byte[] b) {
    if (b.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  /** The big-endian {@code int} at {@code offset}: an IPv4 address, or its mapped last 4 bytes. */
  public static int intAt(byte[] b, int offset) {
    return (b[offset] & 0xFF) << 24
        | (b[offset + 1] & 0xFF) << 16
        | (b[offset + 2] & 0xFF) << 8
        | (b[offset + 3] & 0xFF);
  }

  /** The high 64 bits of a 16-byte IPv6 address. */
  public static long ipv6High(byte[] b) {
    return (long) intAt(b, 0) << 32 | (intAt(b, 4) & 0xFFFF_FFFFL);
  }

  /** The low 64 bits of a 16-byte IPv6 address. */
  public static long ipv6Low(byte[] b) {
    return (long) intAt(b, 8) << 32 | (intAt(b, 12) & 0xFFFF_FFFFL);
  }
}
