package org.aquaticjava.udp;

import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.UdpTestClient.AnnounceReply;
import org.aquaticjava.testkit.UdpTestClient.ScrapeStats;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Announce and scrape against the real tracker over loopback, once per transport and address
 * family: who sees whom, what is counted, and how the announce fields are interpreted.
 */
class SwarmIntegrationTest {
  private static final int MAX_RESPONSE_PEERS = 3;

  private static UdpTracker start(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    return TestTrackers.start(
        TestTrackers.config(transport, "[protocol]\nmax_response_peers = " + MAX_RESPONSE_PEERS));
  }

  private static AnnounceRequest announce(int hash, int peer, int port, AnnounceEvent event, long left) {
    return AnnounceRequest.of(infoHash(hash), peerId(peer), port, event, left);
  }

  private static AnnounceRequest withNumWant(AnnounceRequest r, int numWant) {
    return new AnnounceRequest(
        r.infoHash(), r.peerId(), r.downloaded(), r.left(), r.uploaded(), r.event(),
        r.ipAddress(), r.key(), numWant, r.port(), r.urlData());
  }

  private static AnnounceRequest withEvent(AnnounceRequest r, int event) {
    return new AnnounceRequest(
        r.infoHash(), r.peerId(), r.downloaded(), r.left(), r.uploaded(), event,
        r.ipAddress(), r.key(), r.numWant(), r.port(), r.urlData());
  }

  private static List<Integer> ports(AnnounceReply reply) {
    return reply.peers().stream().map(InetSocketAddress::getPort).toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void peersSeeEachOtherNeverThemselvesAndCountsExcludeTheRequester(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient seeder = UdpTestClient.open(family.of(tracker));
        UdpTestClient leecher = UdpTestClient.open(family.of(tracker));
        UdpTestClient unknownSize = UdpTestClient.open(family.of(tracker))) {
      final AnnounceReply first = seeder.announce(announce(1, 1, 7001, AnnounceEvent.STARTED, 0));
      assertThat(first.peers()).isEmpty();
      assertThat(first.seeders()).isZero();
      assertThat(first.leechers()).isZero();
      assertThat(first.interval()).isEqualTo(UdpConfig.Protocol.DEFAULTS.peerAnnounceInterval());

      final AnnounceReply second = leecher.announce(announce(1, 2, 7002, AnnounceEvent.STARTED, 100));
      assertThat(ports(second)).containsExactly(7001);
      assertThat(second.peers().getFirst().getAddress()).isEqualTo(family.loopback());
      assertThat(second.seeders()).isEqualTo(1);
      assertThat(second.leechers()).isZero();

      // left < 0 (anacrolix/torrent, size unknown) is a leecher.
      final AnnounceReply third =
          unknownSize.announce(announce(1, 3, 7003, AnnounceEvent.STARTED, -1));
      assertThat(ports(third)).containsExactlyInAnyOrder(7001, 7002);
      assertThat(third.seeders()).isEqualTo(1);
      assertThat(third.leechers()).isEqualTo(1);

      final AnnounceReply again = seeder.announce(announce(1, 1, 7001, AnnounceEvent.NONE, 0));
      assertThat(ports(again)).containsExactlyInAnyOrder(7002, 7003).doesNotContain(7001);
      assertThat(again.seeders()).isZero();
      assertThat(again.leechers()).isEqualTo(2);

      assertThat(leecher.scrape(infoHash(1), infoHash(2)))
          .containsExactly(new ScrapeStats(1, 0, 2), new ScrapeStats(0, 0, 0));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void numWantAtOrBelowZeroGivesTheMaximumAndLargerValuesAreClamped(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient client = UdpTestClient.open(family.of(tracker))) {
      for (int peer = 1; peer <= MAX_RESPONSE_PEERS + 2; peer++) {
        client.announce(announce(5, peer, 8000 + peer, AnnounceEvent.STARTED, 10));
      }
      final AnnounceRequest asker = announce(5, 99, 8099, AnnounceEvent.STARTED, 10);
      assertThat(client.announce(withNumWant(asker, -1)).peers()).hasSize(MAX_RESPONSE_PEERS);
      assertThat(client.announce(withNumWant(asker, 0)).peers()).hasSize(MAX_RESPONSE_PEERS);
      assertThat(client.announce(withNumWant(asker, Integer.MIN_VALUE)).peers())
          .hasSize(MAX_RESPONSE_PEERS);
      assertThat(client.announce(withNumWant(asker, 200)).peers()).hasSize(MAX_RESPONSE_PEERS);
      assertThat(client.announce(withNumWant(asker, 2)).peers()).hasSize(2);
      final AnnounceReply reply = client.announce(withNumWant(asker, 1));
      assertThat(reply.peers()).hasSize(1);
      assertThat(reply.leechers()).isEqualTo(MAX_RESPONSE_PEERS + 2);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void stoppedRemovesThePeerAndCompletedIsCountedInScrape(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient a = UdpTestClient.open(family.of(tracker));
        UdpTestClient b = UdpTestClient.open(family.of(tracker))) {
      a.announce(announce(7, 1, 6001, AnnounceEvent.STARTED, 500));
      b.announce(announce(7, 2, 6002, AnnounceEvent.STARTED, 500));
      assertThat(a.scrape(infoHash(7))).containsExactly(new ScrapeStats(0, 0, 2));

      final AnnounceReply done = a.announce(announce(7, 1, 6001, AnnounceEvent.COMPLETED, 0));
      assertThat(ports(done)).containsExactly(6002);
      assertThat(a.scrape(infoHash(7))).containsExactly(new ScrapeStats(1, 1, 1));

      final AnnounceReply leaving = b.announce(announce(7, 2, 6002, AnnounceEvent.STOPPED, 500));
      assertThat(leaving.peers()).as("a stopped announce gets no peers").isEmpty();
      assertThat(leaving.seeders()).isEqualTo(1);
      assertThat(a.scrape(infoHash(7))).containsExactly(new ScrapeStats(1, 1, 0));
      assertThat(a.announce(announce(7, 1, 6001, AnnounceEvent.NONE, 0)).peers()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void pausedEventIsTreatedAsNone(IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient paused = UdpTestClient.open(family.of(tracker));
        UdpTestClient other = UdpTestClient.open(family.of(tracker))) {
      // libtorrent sends event 4 from partial seeds; aquatic drops it, we answer it as "none".
      final AnnounceReply reply =
          paused.announce(withEvent(announce(8, 1, 6001, AnnounceEvent.NONE, 10), 4));
      assertThat(reply.peers()).isEmpty();
      assertThat(other.announce(announce(8, 2, 6002, AnnounceEvent.STARTED, 0)).peers())
          .extracting(InetSocketAddress::getPort)
          .containsExactly(6001);
      assertThat(other.scrape(infoHash(8))).containsExactly(new ScrapeStats(1, 0, 1));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void announceWithBep41UrlDataIsAccepted(IoTransportChoice transport, LoopbackFamily family)
      throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient client = UdpTestClient.open(family.of(tracker))) {
      final byte[] longUrl = ("/announce?passkey=" + "x".repeat(300)).getBytes();
      client.announce(announce(9, 1, 6001, AnnounceEvent.STARTED, 0).withUrlData("/announce".getBytes()));
      client.announce(announce(9, 2, 6002, AnnounceEvent.STARTED, 0).withUrlData(longUrl));
      client.announce(announce(9, 3, 6003, AnnounceEvent.STARTED, 0).withUrlData(new byte[0]));
      assertThat(client.scrape(infoHash(9))).containsExactly(new ScrapeStats(3, 0, 0));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void announceResponsePeersHaveTheLengthOfTheSourceFamily(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient other = UdpTestClient.open(family.of(tracker));
        RawUdpSocket raw = RawUdpSocket.open(family.of(tracker))) {
      other.announce(announce(10, 1, 0x1AE1, AnnounceEvent.STARTED, 0));
      final long id = raw.connect();
      final byte[] reply =
          raw.exchange(
              RawUdpSocket.announceDatagram(id, 42, announce(10, 2, 6002, AnnounceEvent.STARTED, 5)));
      assertThat(reply).hasSize(20 + family.peerLength());
      final ByteBuffer b = ByteBuffer.wrap(reply);
      assertThat(b.getInt(0)).isEqualTo(1); // action announce
      assertThat(b.getInt(4)).isEqualTo(42);
      final byte[] address = new byte[family.peerLength() - 2];
      b.get(20, address);
      assertThat(address).isEqualTo(family.loopback().getAddress());
      assertThat(Short.toUnsignedInt(b.getShort(20 + address.length))).isEqualTo(0x1AE1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void ipv4AndIpv6SwarmsAreSeparate(IoTransportChoice transport) throws Exception {
    LoopbackFamily.IPV6.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient v4 = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker));
        UdpTestClient v6 = UdpTestClient.open(LoopbackFamily.IPV6.of(tracker))) {
      assertThat(v4.announce(announce(11, 1, 6001, AnnounceEvent.STARTED, 0)).peers()).isEmpty();
      final AnnounceReply v6Reply = v6.announce(announce(11, 2, 6002, AnnounceEvent.STARTED, 5));
      assertThat(v6Reply.peers()).isEmpty();
      assertThat(v6Reply.seeders()).isZero();

      final List<AnnounceReply> more = new ArrayList<>();
      more.add(v4.announce(announce(11, 3, 6003, AnnounceEvent.STARTED, 5)));
      assertThat(ports(more.getFirst())).containsExactly(6001);

      assertThat(v4.scrape(infoHash(11))).containsExactly(new ScrapeStats(1, 0, 1));
      assertThat(v6.scrape(infoHash(11))).containsExactly(new ScrapeStats(0, 0, 1));
    }
  }

  /**
   * With set_only_ipv6 = false, IPv4 clients reaching the IPv6 socket come from IPv4-mapped
   * addresses; they must be served as IPv4: 6-byte peers, the IPv4 swarm, one connection id.
   * The socket binds the IPv6 wildcard (a dual-stack socket cannot be bound to ::1), but all
   * traffic still goes to 127.0.0.1.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void ipv4MappedSourcesOnADualStackSocketAreServedAsIpv4(IoTransportChoice transport)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    LoopbackFamily.IPV6.assumeAvailable();
    final UdpConfig dualStackOnly =
        TestTrackers.config(
            transport,
            """
            [network]
            use_ipv4 = false
            address_ipv6 = "[::]:0"
            set_only_ipv6 = false
            """);
    try (UdpTracker tracker = start(dualStackOnly)) {
      final InetSocketAddress viaV4 =
          new InetSocketAddress(LoopbackFamily.IPV4.loopback(), LoopbackFamily.IPV6.of(tracker).getPort());
      final InetSocketAddress viaV6 =
          new InetSocketAddress(LoopbackFamily.IPV6.loopback(), LoopbackFamily.IPV6.of(tracker).getPort());
      try (UdpTestClient mapped = UdpTestClient.open(viaV4);
          UdpTestClient v6 = UdpTestClient.open(viaV6);
          RawUdpSocket raw = RawUdpSocket.open(viaV4)) {
        mapped.announce(announce(12, 1, 6001, AnnounceEvent.STARTED, 0));
        v6.announce(announce(12, 2, 6002, AnnounceEvent.STARTED, 0));
        final long id = raw.connect();
        final byte[] reply =
            raw.exchange(
                RawUdpSocket.announceDatagram(id, 1, announce(12, 3, 6003, AnnounceEvent.STARTED, 9)));
        assertThat(reply).hasSize(20 + 6);
        assertThat(ByteBuffer.wrap(reply).getShort(24)).isEqualTo((short) 6001);
        assertThat(mapped.scrape(infoHash(12))).containsExactly(new ScrapeStats(1, 0, 1));
        assertThat(v6.scrape(infoHash(12))).containsExactly(new ScrapeStats(1, 0, 0));
      }
    }
  }

  private static UdpTracker start(UdpConfig config) throws Exception {
    return TestTrackers.start(config);
  }
}
