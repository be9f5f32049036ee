package org.aquaticjava.udp;

import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.connid.ConnectionIdValidity;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.PeerAddress;

/**
 * The canonical address family of a datagram's source. IPv4-mapped IPv6 sources (a dual-stack
 * socket) count as IPv4, so one peer is one swarm member and one connection id serves both
 * sockets.
 */
enum SourceAddress {
  IPV4,
  IPV6;

  /**
   * Writes the canonical source IP of {@code address} ({@link PeerAddress}) into {@code into}
   * ({@code ipv4} or {@code ipv6High/Low}) and returns its family.
   */
  static SourceAddress of(PeerAddress address, AnnounceSlot into) {
    address.copyTo(into);
    return address.isIpv6() ? IPV6 : IPV4;
  }

  long issue(ConnectionIdValidator ids, AnnounceSlot source, int now) {
    return this == IPV4
        ? ids.issue(source.ipv4, now)
        : ids.issue(source.ipv6High, source.ipv6Low, now);
  }

  /** The source's key in {@code limits}, from the address {@link #of} wrote into {@code source}. */
  long limitKey(SourceLimits limits, AnnounceSlot source) {
    return this == IPV4
        ? limits.ipv4Key(source.ipv4)
        : limits.ipv6Key(source.ipv6High, source.ipv6Low);
  }

  ConnectionIdValidity validate(ConnectionIdValidator ids, AnnounceSlot source, long id, int now) {
    return this == IPV4
        ? ids.validate(id, source.ipv4, now)
        : ids.validate(id, source.ipv6High, source.ipv6Low, now);
  }
}
