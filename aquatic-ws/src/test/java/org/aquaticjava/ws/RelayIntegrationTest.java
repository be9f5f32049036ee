package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.answer;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.offerId;
import static org.aquaticjava.ws.Messages.offers;
import static org.aquaticjava.ws.Messages.peer;
import static org.aquaticjava.ws.Messages.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.TransportMatrix;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Offer and answer relaying and the swarm rules of connections, on every transport (IPv4). */
class RelayIntegrationTest {
  private static final Duration QUIET = Duration.ofMillis(100);
  private static final byte[] IH = infoHash(1);

  private static void assumeAvailable(IoTransportChoice transport) {
    TransportMatrix.assumeAvailable(transport);
  }

  private static List<WsTestClient> joined(InetSocketAddress address, int count, int firstPeer) throws Exception {
    final List<WsTestClient> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      final WsTestClient client = WsTestClient.connect(address);
      clients.add(client);
      client.send(announce(IH, peer(firstPeer + i), 1000));
      client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
    }
    return clients;
  }

  private static void closeAll(List<WsTestClient> clients) {
    clients.forEach(WsTestClient::close);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void offersGoToAtMostMaxOffersDistinctOtherPeersNeverToTheOfferer(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    final WsConfig config =
        TestTrackers.config(
            transport,
            """
            [protocol]
            max_offers = 3
            """);
    try (WsTracker tracker = TestTrackers.start(config)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      final List<WsTestClient> others = joined(address, 5, 10);
      try (WsTestClient offerer = WsTestClient.connect(address)) {
        offerer.send(announce(IH, peer(1), AnnounceEvent.STARTED, 1000, offers(0, 5)));
        final TrackerMessage response = offerer.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        assertThat(response.incomplete()).isEqualTo(6);

        final Set<String> relayedOfferIds = new HashSet<>();
        int receivers = 0;
        for (List<TrackerMessage> got : drain(others)) {
          assertThat(got).hasSizeLessThanOrEqualTo(1); // one offer per peer
          for (TrackerMessage offer : got) {
            assertThat(offer.kind()).isEqualTo(TrackerMessageKind.OFFER);
            assertThat(offer.peerId()).isEqualTo(peer(1));
            relayedOfferIds.add(hex(offer.offerId()));
            receivers++;
          }
        }
        assertThat(receivers).isEqualTo(3);
        // Offer i goes to target i; offers beyond max_offers are ignored and counted.
        assertThat(relayedOfferIds).containsExactlyInAnyOrder(hex(offerId(0)), hex(offerId(1)), hex(offerId(2)));
        offerer.expectNothing(QUIET);
        assertThat(MetricValues.sum(tracker.runtime().metrics(),
                "aquatic_ws_limits_hit_total", "limit", "offers_per_announce"))
            .isEqualTo(2);
        assertThat(MetricValues.sum(tracker.runtime().metrics(),
                "aquatic_responses_total", "type", "offer")).isEqualTo(3);
      } finally {
        closeAll(others);
      }
    }
  }

  /**
   * What each client received, after one short wait: the caller has the offerer's own response,
   * and relays leave at most one turn of the event loop after it.
   */
  private static List<List<TrackerMessage>> drain(List<WsTestClient> clients) throws InterruptedException {
    Thread.sleep(QUIET.toMillis());
    final List<List<TrackerMessage>> all = new ArrayList<>();
    for (WsTestClient client : clients) {
      final List<TrackerMessage> messages = new ArrayList<>();
      for (String text; (text = client.pollText(Duration.ZERO)) != null; ) {
        messages.add(WsTestClient.parse(text));
      }
      all.add(messages);
    }
    return all;
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void anAnnounceWithOffersThatCannotBeRelayedIsServedAndTheOffersCounted(IoTransportChoice transport)
      throws Exception {
    assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      final List<WsTestClient> others = joined(address, 1, 10);
      try (WsTestClient client = WsTestClient.connect(address)) {
        // As the reference client's own tests send them (npm bittorrent-tracker).
        final String announce = announce(IH, peer(1), AnnounceEvent.STARTED, 1000, List.of());
        client.send(announce.substring(0, announce.length() - 1)
            + ",\"offers\":[{\"fake_offer\":\"fake_offer_0\"},{\"offer\":{\"sdp\":\"v=0\"}}]}");
        final TrackerMessage response = client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        assertThat(response.incomplete()).isEqualTo(2);
        assertThat(drain(others)).allSatisfy(got -> assertThat(got).isEmpty());
        assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_ws_offers_skipped_total", "reason", "no_sdp"))
            .isEqualTo(1);
        assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_ws_offers_skipped_total", "reason", "no_offer_id"))
            .isEqualTo(1);
        assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_ws_invalid_messages_total")).isZero();
      } finally {
        closeAll(others);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void aStoppedAnnounceRelaysNoOffersAndGetsTheCounts(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      final List<WsTestClient> others = joined(address, 3, 10);
      try (WsTestClient leaving = WsTestClient.connect(address)) {
        leaving.send(announce(IH, peer(1), AnnounceEvent.STARTED, 0, List.of()));
        leaving.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        leaving.send(announce(IH, peer(1), AnnounceEvent.STOPPED, 0, offers(0, 3)));
        final TrackerMessage response = leaving.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        assertThat(response.incomplete()).isEqualTo(3);
        assertThat(response.complete()).isZero();
        assertThat(drain(others)).allSatisfy(got -> assertThat(got).isEmpty());
      } finally {
        closeAll(others);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void anAnswerReachesOnlyItsOffererAndOnlyOnce(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      final List<WsTestClient> clients = joined(address, 3, 1); // peers 1, 2, 3
      try {
        final WsTestClient offerer = clients.get(0);
        offerer.send(announce(IH, peer(1), null, 1000, offers(7, 1)));
        offerer.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        // Exactly one of peers 2 and 3 got the offer.
        final int receiverIndex = receiverOfOneOffer(clients.get(1), clients.get(2));
        final WsTestClient receiver = clients.get(receiverIndex);
        final WsTestClient bystander = clients.get(3 - receiverIndex);
        final byte[] receiverId = peer(receiverIndex + 1);
        final byte[] bystanderId = peer(3 - receiverIndex + 1);

        // The bystander's answer to an offer it never got is refused; nobody else hears of it.
        bystander.send(answer(IH, bystanderId, peer(1), offerId(7)));
        assertThat(bystander.next(TrackerMessageKind.ERROR).failureReason())
            .isEqualTo("Could not find the offer corresponding to your answer. It may have expired.");

        receiver.send(answer(IH, receiverId, peer(1), offerId(7)));
        final TrackerMessage relayed = offerer.next(TrackerMessageKind.ANSWER);
        assertThat(relayed.peerId()).isEqualTo(receiverId);
        assertThat(relayed.offerId()).isEqualTo(offerId(7));
        assertThat(relayed.infoHash()).isEqualTo(IH);

        // An offer is answered once: the same answer again is refused.
        receiver.send(answer(IH, receiverId, peer(1), offerId(7)));
        assertThat(receiver.next(TrackerMessageKind.ERROR).failureReason()).startsWith("Could not find the offer");
        // An answer to an unknown peer goes nowhere and gets no reply (like aquatic).
        receiver.send(answer(IH, receiverId, peer(99), offerId(7)));
        receiver.expectNothing(QUIET);
        offerer.expectNothing(QUIET);
        bystander.expectNothing(QUIET);
        assertThat(MetricValues.sum(tracker.runtime().metrics(),
                "aquatic_ws_answers_not_relayed_total", "reason", "no_matching_offer"))
            .isEqualTo(2);
        assertThat(MetricValues.sum(tracker.runtime().metrics(),
                "aquatic_ws_answers_not_relayed_total", "reason", "unknown_offerer"))
            .isEqualTo(1);
      } finally {
        closeAll(clients);
      }
    }
  }

  /** Which of the two (1 or 2) received the one offer; the other must have received nothing. */
  private static int receiverOfOneOffer(WsTestClient first, WsTestClient second) throws InterruptedException {
    final List<List<TrackerMessage>> got = drain(List.of(first, second));
    final List<TrackerMessage> a = got.get(0);
    final List<TrackerMessage> b = got.get(1);
    assertThat(a.size() + b.size()).isEqualTo(1);
    final TrackerMessage offer = a.isEmpty() ? b.getFirst() : a.getFirst();
    assertThat(offer.kind()).isEqualTo(TrackerMessageKind.OFFER);
    return a.isEmpty() ? 2 : 1;
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void aConnectionCannotActForAnotherConnectionsPeerId(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      final List<WsTestClient> clients = joined(address, 2, 1); // peers 1 (offerer), 2 (owner of id 2)
      try (WsTestClient impostor = WsTestClient.connect(address)) {
        final WsTestClient offerer = clients.get(0);
        final WsTestClient owner = clients.get(1);
        offerer.send(announce(IH, peer(1), null, 1000, offers(5, 1)));
        offerer.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        owner.next(TrackerMessageKind.OFFER);

        // Announcing, answering and stopping with peer 2's id from another connection: ignored.
        impostor.send(announce(IH, peer(2), 0));
        impostor.send(answer(IH, peer(2), peer(1), offerId(5)));
        impostor.send(announce(IH, peer(2), AnnounceEvent.STOPPED, 0, List.of()));
        impostor.expectNothing(QUIET);
        offerer.expectNothing(QUIET);
        assertThat(MetricValues.sum(tracker.runtime().metrics(),
                "aquatic_ws_limits_hit_total", "limit", "peer_id_taken")).isEqualTo(3);

        // Peer 2 is still a leecher of its own connection, and its offer still awaits its answer.
        impostor.send(scrape(IH));
        final TrackerMessage counts = impostor.next(TrackerMessageKind.SCRAPE_RESPONSE);
        assertThat(counts.scrapeComplete(0)).isZero();
        assertThat(counts.scrapeIncomplete(0)).isEqualTo(2);
        owner.send(answer(IH, peer(2), peer(1), offerId(5)));
        assertThat(offerer.next(TrackerMessageKind.ANSWER).peerId()).isEqualTo(peer(2));
      } finally {
        closeAll(clients);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void aSecondPeerIdForATorrentOnOneConnectionIsRefusedUntilStopped(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport);
        WsTestClient client = WsTestClient.connect(LoopbackFamily.IPV4.of(tracker))) {
      client.send(announce(IH, peer(1), 1000));
      client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      client.send(announce(IH, peer(2), 1000));
      final TrackerMessage error = client.next(TrackerMessageKind.ERROR);
      assertThat(error.failureReason()).isEqualTo("Only one peer id can be used per torrent");
      assertThat(error.action()).isEqualTo(org.aquaticjava.ws.protocol.MessageAction.ANNOUNCE);
      assertThat(error.infoHash()).isEqualTo(IH);

      // The connection stays open; other torrents may use other ids (one socket, many torrents).
      client.send(announce(infoHash(2), peer(2), 1000));
      assertThat(client.next(TrackerMessageKind.ANNOUNCE_RESPONSE).incomplete()).isEqualTo(1);
      // After stopped, a new peer id for the torrent is fine (aquatic 0.9).
      client.send(announce(IH, peer(1), AnnounceEvent.STOPPED, 1000, List.of()));
      assertThat(client.next(TrackerMessageKind.ANNOUNCE_RESPONSE).incomplete()).isZero();
      client.send(announce(IH, peer(3), 0));
      assertThat(client.next(TrackerMessageKind.ANNOUNCE_RESPONSE).complete()).isEqualTo(1);
      assertThat(client.isClosedByTracker()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void withPeerIdChangeCloseTheConnectionIsClosedAfterTheError(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    final WsConfig config =
        TestTrackers.config(
            transport,
            """
            [protocol]
            peer_id_change = "close"
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient client = WsTestClient.connect(LoopbackFamily.IPV4.of(tracker))) {
      client.send(announce(IH, peer(1), 1000));
      client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      client.send(announce(IH, peer(2), 1000));
      assertThat(client.next(TrackerMessageKind.ERROR).failureReason())
          .isEqualTo("Only one peer id can be used per torrent");
      assertThat(client.awaitCloseCode(WsTestClient.WAIT)).isEqualTo(1008);
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void allPeersOfAClosedConnectionLeaveTheirSwarmsAtOnce(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport);
        WsTestClient watcher = WsTestClient.connect(LoopbackFamily.IPV4.of(tracker))) {
      final WsTestClient leaving = WsTestClient.connect(LoopbackFamily.IPV4.of(tracker));
      for (int torrent = 1; torrent <= 3; torrent++) {
        leaving.send(announce(infoHash(torrent), peer(1), 0));
        leaving.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      }
      watcher.send(announce(infoHash(1), peer(2), 1000));
      watcher.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      assertThat(tracker.peerCount(false)).isEqualTo(4);

      leaving.close(); // TCP gone, no close handshake
      await().atMost(WsTestClient.WAIT).until(() -> tracker.peerCount(false) == 1);
      watcher.send(scrape(infoHash(1), infoHash(2), infoHash(3)));
      final TrackerMessage counts = watcher.next(TrackerMessageKind.SCRAPE_RESPONSE);
      assertThat(counts.scrapeEntryCount()).isEqualTo(3);
      assertThat(counts.scrapeComplete(0)).isZero();
      assertThat(counts.scrapeIncomplete(0)).isEqualTo(1);
      assertThat(counts.scrapeComplete(1) + counts.scrapeIncomplete(1)).isZero(); // unknown now: zeros
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_torrents", "ip_version", "4")).isEqualTo(1);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_active_connections", "ip_version", "4")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void relaysWithinOneLoopAreFlushedWithoutFurtherTrafficWholeAndInOrder(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    final WsConfig config =
        TestTrackers.config(
            transport,
            """
            # offerer and receiver share the loop: relays wait for its I/O batch
            socket_workers = 1
            """);
    try (WsTracker tracker = TestTrackers.start(config)) {
      final List<WsTestClient> clients = joined(LoopbackFamily.IPV4.of(tracker), 2, 1);
      try {
        final WsTestClient offerer = clients.get(0);
        final WsTestClient receiver = clients.get(1);
        // One offer, then silence: nothing else comes along to flush it.
        offerer.send(announce(IH, peer(1), null, 1000, offers(0, 1)));
        assertThat(receiver.next(TrackerMessageKind.OFFER).offerId()).isEqualTo(offerId(0));

        // A burst beyond half of max_queued_messages (256), so early flushes happen too.
        final int burst = 200;
        for (int i = 1; i <= burst; i++) {
          offerer.send(announce(IH, peer(1), null, 1000, offers(i, 1)));
        }
        for (int i = 1; i <= burst; i++) {
          assertThat(receiver.next(TrackerMessageKind.OFFER).offerId()).isEqualTo(offerId(i));
        }
        assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_ws_messages_dropped_total"))
            .isZero();
      } finally {
        closeAll(clients);
      }
    }
  }
}
