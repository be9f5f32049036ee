package org.aquaticjava.udp.protocol;

/**
 * The IP family of a UDP exchange. BEP 15 picks the announce response format by the address family
 * of the datagram, not by any field: 6-byte peers for IPv4, 18-byte peers for IPv6. An IPv4-mapped
 * IPv6 source is IPv4.
 */
public enum AddressFamily {
  IPV4(UdpProtocol.IPV4_PEER_LENGTH),
  IPV6(UdpProtocol.IPV6_PEER_LENGTH);

  private final int peerLength;

  AddressFamily(int peerLength) {
    this.peerLength = peerLength;
  }

  /** Bytes per peer in an announce response: address plus 2-byte port. */
  public int peerLength() {
    return peerLength;
  }
}
