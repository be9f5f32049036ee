package org.aquaticjava.cli.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One cell of the client matrix: a seeder of one client family and a leecher of another, over one
 * tracker protocol and address family, and whether the tracker refuses the torrent (deny list),
 * in which case the two must never exchange the file. Over IPv6 a protocol that only one family
 * reaches ({@code udp://[::1]}: qBittorrent) is proven with two clients of that family. Immutable.
 */
record ClientPair(
    ClientFamily seeder,
    ClientFamily leecher,
    TrackerProtocol protocol,
    boolean ipv6,
    boolean denied) {

  ClientPair {
    if (seeder == leecher && !(ipv6 && onlyFamilyOverIpv6(seeder, protocol))) {
      throw new IllegalArgumentException(
          "a pair is two different client families (unless no other family reaches the tracker"
              + " over IPv6): "
              + seeder);
    }
    if (ipv6 && !(seeder.reachesIpv6(protocol) && leecher.reachesIpv6(protocol))) {
      throw new IllegalArgumentException(
          seeder + " or " + leecher + " cannot use " + protocol + " over IPv6");
    }
    if (!seeder.dialsLoopbackPeers() && !leecher.dialsLoopbackPeers()) {
      throw new IllegalArgumentException(
          "neither " + seeder + " nor " + leecher + " dials loopback peers");
    }
  }

  static ClientPair transfer(ClientFamily seeder, ClientFamily leecher, TrackerProtocol protocol) {
    return new ClientPair(seeder, leecher, protocol, false, false);
  }

  static ClientPair transferIpv6(
      ClientFamily seeder, ClientFamily leecher, TrackerProtocol protocol) {
    return new ClientPair(seeder, leecher, protocol, true, false);
  }

  /** Whether {@code family} is the one family that reaches a {@code protocol} tracker on [::1]. */
  private static boolean onlyFamilyOverIpv6(ClientFamily family, TrackerProtocol protocol) {
    return Arrays.stream(ClientFamily.values())
        .filter(f -> f.reachesIpv6(protocol))
        .toList()
        .equals(List.of(family));
  }

  static ClientPair refused(ClientFamily seeder, ClientFamily leecher, TrackerProtocol protocol) {
    return new ClientPair(seeder, leecher, protocol, false, true);
  }

  /**
   * Whether the leecher starts first: a leecher that does not dial loopback peers (Transmission)
   * must already be known to the tracker when the seeder announces, so that the seeder dials it.
   */
  boolean leecherFirst() {
    return !leecher.dialsLoopbackPeers();
  }

  /** E.g. {@code udp-rtorrent-to-qbittorrent}, {@code http6-...}, {@code ...-denied}. */
  String id() {
    return protocol.name().toLowerCase(Locale.ROOT)
        + (ipv6 ? "6" : "")
        + "-"
        + seeder.id()
        + "-to-"
        + leecher.id()
        + (denied ? "-denied" : "");
  }

  @Override
  public String toString() {
    return protocol
        + (ipv6 ? " [::1]" : "")
        + ": "
        + seeder.id()
        + " seeds, "
        + leecher.id()
        + " leeches"
        + (denied ? ", torrent on the deny list" : "");
  }
}
