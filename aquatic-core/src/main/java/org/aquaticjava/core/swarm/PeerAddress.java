package org.aquaticjava.core.swarm;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.aquaticjava.core.net.IpAddressBytes;

/**
 * The canonical address of a client: IPv4 as an int, IPv6 as two longs; IPv4-mapped IPv6
 * addresses (a dual-stack socket, or a proxy header) count as IPv4, so one peer is one swarm
 * member. The one canonicalisation of the UDP, HTTP and WebTorrent source addresses. Mutable and
 * reusable; not thread-safe (one per connection or per worker).
 */
public final class PeerAddress {
  private boolean ipv6;
  private int ipv4;
  private long ipv6High;
  private long ipv6Low;

  /** A new holder of {@code address}'s canonical form (for set-up and tests; allocates). */
  public static PeerAddress of(InetAddress address) {
    final PeerAddress peer = new PeerAddress();
    peer.set(address);
    return peer;
  }

  /** Takes the canonical form of {@code address}. */
  public void set(InetAddress address) {
    if (address instanceof Inet4Address) {
      ipv6 = false;
      // Inet4Address.hashCode() is the address itself: read without copying the bytes.
      ipv4 = address.hashCode();
      return;
    }
    final byte[] b = address.getAddress();
    if (IpAddressBytes.isIpv4Mapped(b)) {
      ipv6 = false;
      ipv4 = IpAddressBytes.intAt(b, 12);
      return;
    }
    ipv6 = true;
    ipv6High = IpAddressBytes.ipv6High(b);
    ipv6Low = IpAddressBytes.ipv6Low(b);
  }

  /** Takes {@code other}'s address. */
  public void set(PeerAddress other) {
    ipv6 = other.ipv6;
    ipv4 = other.ipv4;
    ipv6High = other.ipv6High;
    ipv6Low = other.ipv6Low;
  }

  public boolean isIpv6() {
    return ipv6;
  }

  /** The IPv4 address in network order; meaningless for an IPv6 address. */
  public int ipv4() {
    return ipv4;
  }

  /** The high 64 bits of the IPv6 address; meaningless for an IPv4 address. */
  public long ipv6High() {
    return ipv6High;
  }

  /** The low 64 bits of the IPv6 address; meaningless for an IPv4 address. */
  public long ipv6Low() {
    return ipv6Low;
  }

  /** 0 for IPv4, 1 for IPv6: the index of per-family tables. */
  public int familyIndex() {
    return ipv6 ? 1 : 0;
  }

  /** Writes the address into the store request, which selects the swarm of its family. */
  public void copyTo(AnnounceSlot request) {
    request.ipv6 = ipv6;
    request.ipv4 = ipv4;
    request.ipv6High = ipv6High;
    request.ipv6Low = ipv6Low;
  }
}
