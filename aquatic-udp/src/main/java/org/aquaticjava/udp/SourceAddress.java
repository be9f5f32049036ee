package org.aquaticjava.udp;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.connid.ConnectionIdValidity;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.net.IpAddressBytes;
import org.aquaticjava.core.swarm.AnnounceRequest;

/**
 * The canonical address family of a datagram's source. IPv4-mapped IPv6 sources (a dual-stack
 * socket) count as IPv4, so one peer is one swarm member and one connection id serves both
 * sockets.
 */
enum SourceAddress {
  IPV4,
  IPV6;

  /**
   * Writes the canonical source IP into {@code into} ({@code ipv4} or {@code ipv6High/Low}) and
   * returns its family.
   */
  static SourceAddress of(InetAddress address, AnnounceRequest into) {
    if (address instanceof Inet4Address) {
      into.ipv6 = false;
      // Inet4Address.hashCode() is the address itself: read without copying the bytes.
      into.ipv4 = address.hashCode();
      return IPV4;
    }
    final byte[] b = address.getAddress();
    if (IpAddressBytes.isIpv4Mapped(b)) {
      into.ipv6 = false;
      into.ipv4 = IpAddressBytes.intAt(b, 12);
      return IPV4;
    }
    into.ipv6 = true;
    into.ipv6High = IpAddressBytes.ipv6High(b);
    into.ipv6Low = IpAddressBytes.ipv6Low(b);
    return IPV6;
  }

  long issue(ConnectionIdValidator ids, AnnounceRequest source, int now) {
    return this == IPV4
        ? ids.issue(source.ipv4, now)
        : ids.issue(source.ipv6High, source.ipv6Low, now);
  }

  /** The source's key in {@code limits}, from the address {@link #of} wrote into {@code source}. */
  long limitKey(SourceLimits limits, AnnounceRequest source) {
    return this == IPV4
        ? limits.ipv4Key(source.ipv4)
        : limits.ipv6Key(source.ipv6High, source.ipv6Low);
  }

  ConnectionIdValidity validate(ConnectionIdValidator ids, AnnounceRequest source, long id, int now) {
    return this == IPV4
        ? ids.validate(id, source.ipv4, now)
        : ids.validate(id, source.ipv6High, source.ipv6Low, now);
  }
}
