package org.aquaticjava.udp;

import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connection ids and garbage: whatever is not a valid request from the address that connected gets
 * no reply at all (a spoofed source must never receive bytes, not even an error), and every drop
 * is counted by reason.
 */
class ConnectionIdIntegrationTest {
  /** Long enough for a loopback reply to arrive had one been sent. */
  private static final Duration SILENCE = Duration.ofMillis(300);

  private static final AnnounceRequest ANNOUNCE =
      AnnounceRequest.of(infoHash(1), peerId(1), 6881, AnnounceEvent.STARTED, 0);

  private static double dropped(UdpTracker tracker, String reason, LoopbackFamily family) {
    return MetricValues.sum(
        tracker.runtime().metrics(),
        "aquatic_dropped_requests_total", "reason", reason, "ip_version", family.ipVersion());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void forgedIdsGetNoReplyEvenForErrorWorthyRequests(IoTransportChoice transport, LoopbackFamily family)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    family.assumeAvailable();
    try (UdpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        RawUdpSocket client = RawUdpSocket.open(family.of(tracker))) {
      final long forged = client.connect() ^ 1;
      final AnnounceRequest portZero =
          AnnounceRequest.of(infoHash(1), peerId(1), 0, AnnounceEvent.STARTED, 0);
      final List<byte[]> requests =
          List.of(
              RawUdpSocket.announceDatagram(forged, 1, ANNOUNCE),
              RawUdpSocket.scrapeDatagram(forged, 2, List.of(infoHash(1))),
              // errors are answered only to a valid id: no reflection towards a spoofed victim
              RawUdpSocket.announceDatagram(forged, 3, portZero),
              RawUdpSocket.scrapeWithHashBytes(forged, 4, 0),
              RawUdpSocket.scrapeWithHashBytes(forged, 5, 7),
              RawUdpSocket.announceDatagram(0, 6, ANNOUNCE));
      for (byte[] request : requests) {
        client.send(request);
      }
      assertThat(client.receive(SILENCE)).isEmpty();
      await()
          .atMost(Duration.ofSeconds(2))
          .untilAsserted(
              () ->
                  assertThat(dropped(tracker, "connection_id_forged", family))
                      .isEqualTo(requests.size()));
      assertThat(
              MetricValues.sum(tracker.runtime().metrics(),
                      "aquatic_responses_total", "type", "error"))
          .isZero();

      // The genuine id still works, so the silence above was the tracker's choice.
      final long genuine = forged ^ 1;
      assertThat(client.exchangeParsed(RawUdpSocket.announceDatagram(genuine, 7, ANNOUNCE)).outcome())
          .isEqualTo(ResponseOutcome.ANNOUNCE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void idIssuedToOneAddressIsRejectedFromAnother(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    final InetAddress otherLoopback = InetAddress.getByName("127.0.0.2");
    assumeTrue(canBind(otherLoopback), "127.0.0.2 is not bindable here (only Linux routes 127/8)");
    try (UdpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        RawUdpSocket issuedTo = RawUdpSocket.open(LoopbackFamily.IPV4.of(tracker));
        RawUdpSocket thief = RawUdpSocket.open(otherLoopback, LoopbackFamily.IPV4.of(tracker))) {
      final long stolen = issuedTo.connect();
      thief.send(RawUdpSocket.announceDatagram(stolen, 1, ANNOUNCE));
      assertThat(thief.receive(SILENCE)).isEmpty();
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> dropped(tracker, "connection_id_forged", LoopbackFamily.IPV4) == 1);

      final long own = thief.connect();
      assertThat(own).isNotEqualTo(stolen);
      assertThat(thief.exchangeParsed(RawUdpSocket.announceDatagram(own, 2, ANNOUNCE)).outcome())
          .isEqualTo(ResponseOutcome.ANNOUNCE);
      // and the id stays valid where it was issued, even from another port (NAT rebinding)
      try (RawUdpSocket rebound = RawUdpSocket.open(LoopbackFamily.IPV4.of(tracker))) {
        assertThat(
                rebound.exchangeParsed(RawUdpSocket.announceDatagram(stolen, 3, ANNOUNCE)).outcome())
            .isEqualTo(ResponseOutcome.ANNOUNCE);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void expiredIdsAreDroppedUnlessWithinTheGracePeriod(IoTransportChoice transport)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    try (UdpTracker strict =
            TestTrackers.start(
                TestTrackers.config(
                    transport, "[cleaning]\nmax_connection_age = 1\nconnection_id_grace = 0"));
        UdpTracker lenient =
            TestTrackers.start(
                TestTrackers.config(
                    transport, "[cleaning]\nmax_connection_age = 1\nconnection_id_grace = 60"));
        RawUdpSocket toStrict = RawUdpSocket.open(LoopbackFamily.IPV4.of(strict));
        RawUdpSocket toLenient = RawUdpSocket.open(LoopbackFamily.IPV4.of(lenient))) {
      final long strictId = toStrict.connect();
      final long lenientId = toLenient.connect();
      assertThat(toStrict.exchangeParsed(RawUdpSocket.announceDatagram(strictId, 1, ANNOUNCE)).outcome())
          .isEqualTo(ResponseOutcome.ANNOUNCE);

      // The id carries its issue second; wait until both clocks are two seconds past it.
      awaitClockPast(strict, strictId);
      awaitClockPast(lenient, lenientId);

      toStrict.send(RawUdpSocket.announceDatagram(strictId, 2, ANNOUNCE));
      toStrict.send(RawUdpSocket.scrapeDatagram(strictId, 3, List.of(infoHash(1))));
      assertThat(toStrict.receive(SILENCE)).isEmpty();
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> dropped(strict, "connection_id_expired", LoopbackFamily.IPV4) == 2);
      assertThat(toLenient.exchangeParsed(RawUdpSocket.announceDatagram(lenientId, 4, ANNOUNCE)).outcome())
          .isEqualTo(ResponseOutcome.ANNOUNCE);
      // a fresh connect recovers
      final long fresh = toStrict.connect();
      assertThat(toStrict.exchangeParsed(RawUdpSocket.announceDatagram(fresh, 5, ANNOUNCE)).outcome())
          .isEqualTo(ResponseOutcome.ANNOUNCE);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void garbageGetsNoReplyAndIsCountedByReason(IoTransportChoice transport, LoopbackFamily family)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    family.assumeAvailable();
    try (UdpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        RawUdpSocket client = RawUdpSocket.open(family.of(tracker))) {
      final long id = client.connect();
      final byte[] announce = RawUdpSocket.announceDatagram(id, 1, ANNOUNCE);
      final byte[] badMagic = RawUdpSocket.connectDatagram(2);
      badMagic[7] ^= 1;
      final byte[] clientError = RawUdpSocket.connectDatagram(3);
      clientError[11] = 3; // action 3 (error) sent by a client
      final byte[] unknownAction = RawUdpSocket.connectDatagram(4);
      unknownAction[11] = 99;

      client.send(new byte[1]);
      client.send(new byte[11]);
      client.send(java.util.Arrays.copyOf(announce, 15));
      client.send(badMagic);
      client.send(clientError);
      client.send(unknownAction);
      client.send(java.util.Arrays.copyOf(announce, 97));
      client.send(java.util.Arrays.copyOf(announce, 20));
      assertThat(client.receive(SILENCE)).isEmpty();

      await()
          .atMost(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                assertThat(dropped(tracker, "too_short", family)).isEqualTo(3);
                assertThat(dropped(tracker, "bad_protocol_id", family)).isEqualTo(1);
                assertThat(dropped(tracker, "unknown_action", family)).isEqualTo(2);
                assertThat(dropped(tracker, "truncated_announce", family)).isEqualTo(2);
                assertThat(
                        MetricValues.sum(
                            tracker.runtime().metrics(),
                            "aquatic_requests_total", "ip_version", family.ipVersion()))
                    .isEqualTo(1 + 8);
              });
      assertThat(dropped(tracker, "internal_error", family)).isZero();
      assertThat(client.exchangeParsed(announce).outcome()).isEqualTo(ResponseOutcome.ANNOUNCE);
    }
  }

  private static void awaitClockPast(UdpTracker tracker, long connectionId) {
    final long issued = connectionId >>> 32;
    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> tracker.runtime().clock().secondsSinceStart() >= issued + 2);
  }

  private static boolean canBind(InetAddress address) {
    try (DatagramSocket _ = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
