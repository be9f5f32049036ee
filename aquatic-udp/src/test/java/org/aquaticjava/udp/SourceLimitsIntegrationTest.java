package org.aquaticjava.udp;

import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.aquaticjava.udp.protocol.UdpErrorMessage;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.aquaticjava.udp.protocol.UdpResponseParser;
import io.netty.buffer.Unpooled;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.junit.jupiter.api.Test;

/**
 * Per-source limits on the real UDP tracker over loopback, with sources on distinct addresses of
 * 127.0.0.0/8: an abusive source is limited (one error per notice interval, then silence) and
 * counted while a source beside it is served; a flood from thousands of addresses neither lifts
 * the abuser's limit nor stops the others; bans start above the threshold and expire.
 */
class SourceLimitsIntegrationTest {
  private static final Duration SILENCE = Duration.ofMillis(300);
  private static final AnnounceRequest ANNOUNCE =
      AnnounceRequest.of(infoHash(1), peerId(1), 6881, AnnounceEvent.STARTED, 0);

  /**
   * An IPv4-only tracker with rate limits on, the scraped-torrents limit off, {@code
   * sources_tracked} as given and {@code tables} (further {@code [rate_limit.*]} tables) on top.
   */
  private static UdpTracker start(int sourcesTracked, String tables) throws Exception {
    return TestTrackers.start(
        TestTrackers.config(
            IoTransportChoice.AUTO,
            """
            [network]
            use_ipv6 = false
            [rate_limit]
            enabled = true
            sources_tracked = %d
            [rate_limit.scraped_torrents]
            max_distinct = 0
            %s
            """
                .formatted(sourcesTracked, tables)));
  }

  private static double hits(UdpTracker tracker, String limit) {
    return MetricValues.sum(
        tracker.runtime().metrics(), "aquatic_source_limits_hit_total", "limit", limit);
  }

  private static InetSocketAddress v4(UdpTracker tracker) {
    return tracker.localAddressIpv4().orElseThrow();
  }

  private static UdpResponse parse(byte[] reply) {
    final UdpResponse response = new UdpResponse();
    UdpResponseParser.parse(Unpooled.wrappedBuffer(reply), AddressFamily.IPV4, response);
    return response;
  }

  /** Sends {@code count} datagrams, then collects every reply until the line goes quiet. */
  private static List<byte[]> burst(RawUdpSocket socket, byte[] datagram, int count)
      throws IOException {
    for (int i = 0; i < count; i++) {
      socket.send(datagram);
    }
    final java.util.ArrayList<byte[]> replies = new java.util.ArrayList<>();
    Optional<byte[]> reply;
    while ((reply = socket.receive(SILENCE)).isPresent()) {
      replies.add(reply.get());
    }
    return replies;
  }

  @Test
  void limitsAnAbusiveSourceWithOneErrorWhileItsNeighbourIsServed() throws Exception {
    try (UdpTracker tracker = start(1024, "[rate_limit.udp_announce]\nrate = 1\nburst = 5");
        RawUdpSocket abuser = RawUdpSocket.open(InetAddress.ofLiteral("127.0.0.2"), v4(tracker));
        RawUdpSocket neighbour =
            RawUdpSocket.open(InetAddress.ofLiteral("127.0.0.3"), v4(tracker))) {
      final byte[] announce = RawUdpSocket.announceDatagram(abuser.connect(), 7, ANNOUNCE);
      final List<byte[]> replies = burst(abuser, announce, 50);

      final long announces =
          replies.stream().filter(r -> parse(r).outcome() == ResponseOutcome.ANNOUNCE).count();
      final List<byte[]> errors =
          replies.stream().filter(r -> parse(r).outcome() == ResponseOutcome.ERROR).toList();
      // 5 from the burst, perhaps 1 more if a second ticked over meanwhile
      assertThat(announces).isBetween(5L, 6L);
      assertThat(errors).hasSize(1);
      assertThat(parse(errors.getFirst()).errorMessage())
          .isEqualTo(UdpErrorMessage.RATE_LIMITED.text());
      assertThat(hits(tracker, "udp_announce")).isGreaterThanOrEqualTo(50 - announces);

      final UdpResponse served =
          neighbour.exchangeParsed(RawUdpSocket.announceDatagram(neighbour.connect(), 8, ANNOUNCE));
      assertThat(served.outcome()).isEqualTo(ResponseOutcome.ANNOUNCE);
    }
  }

  @Test
  void aFloodFromThousandsOfAddressesKeepsTheAbuserLimitedAndOthersServed() throws Exception {
    try (UdpTracker tracker = start(64, "[rate_limit.udp_connect]\nrate = 1\nburst = 100");
        RawUdpSocket abuser = RawUdpSocket.open(InetAddress.ofLiteral("127.0.0.2"), v4(tracker));
        RawUdpSocket neighbour =
            RawUdpSocket.open(InetAddress.ofLiteral("127.0.0.3"), v4(tracker))) {
      final byte[] connect = RawUdpSocket.connectDatagram(1);
      assertThat(burst(abuser, connect, 200)).hasSizeLessThanOrEqualTo(103); // 100 + notice + ticks
      final long start = System.nanoTime();

      // 2,000 sources, far more than the 64 tracked: each sends one connect (answered).
      final byte[] reply = new byte[64];
      int answered = 0;
      for (int i = 0; i < 2_000; i++) {
        final InetAddress source = InetAddress.ofLiteral("127.1." + (i / 250) + "." + (i % 250 + 1));
        try (DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(source, 0))) {
          flooder.setSoTimeout(1000);
          flooder.send(new DatagramPacket(connect, connect.length, v4(tracker)));
          flooder.receive(new DatagramPacket(reply, reply.length));
          answered++;
        }
      }
      assertThat(answered).isEqualTo(2_000);

      // The abuser's empty bucket outranks the flood's full ones: it was not forgotten, so it has
      // earned back only what the elapsed seconds allow.
      final long earned = (System.nanoTime() - start) / 1_000_000_000L + 2;
      assertThat(burst(abuser, connect, 100)).hasSizeLessThanOrEqualTo((int) earned);
      assertThat(neighbour.connect()).isNotZero();
      assertThat(hits(tracker, "udp_connect")).isGreaterThanOrEqualTo(100 + 100 - earned);
    }
  }

  @Test
  void bansASourceThatKeepsSendingGarbageUntilTheBanExpires() throws Exception {
    try (UdpTracker tracker =
            start(1024, "[rate_limit.bans]\nthreshold = 5\nwindow = 60\nduration = 2");
        RawUdpSocket offender = RawUdpSocket.open(InetAddress.ofLiteral("127.0.0.4"), v4(tracker));
        RawUdpSocket neighbour =
            RawUdpSocket.open(InetAddress.ofLiteral("127.0.0.5"), v4(tracker))) {
      final byte[] garbage = new byte[8];
      for (int i = 0; i < 10; i++) {
        offender.send(garbage);
      }
      await().atMost(Duration.ofSeconds(2))
          .until(() -> MetricValues.sum(tracker.runtime().metrics(), "aquatic_source_bans_total") == 1);
      offender.send(RawUdpSocket.connectDatagram(1));
      assertThat(offender.receive(SILENCE)).isEmpty();
      assertThat(hits(tracker, "banned")).isEqualTo(1);
      assertThat(neighbour.connect()).isNotZero();

      await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            offender.send(RawUdpSocket.connectDatagram(2));
            return offender.receive(SILENCE).isPresent();
          });
    }
  }
}
