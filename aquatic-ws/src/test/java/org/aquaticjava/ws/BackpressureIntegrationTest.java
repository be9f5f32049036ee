package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.TransportMatrix;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.aquaticjava.ws.protocol.ClientOffer;
import org.aquaticjava.ws.protocol.JsonText;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that stops reading: offers for it are dropped and counted once its write buffer is
 * full, so the tracker holds a bounded amount for it, and it is closed after the send timeout;
 * nobody else notices.
 */
class BackpressureIntegrationTest {
  private static final int OFFERS = 100;
  private static final JsonText BIG_SDP = JsonText.of("v=0\r\n" + "a=candidate:x\r\n".repeat(500)); // ~8 KB

  /**
   * Every transport, with one socket worker (offers reach the slow reader on the offerer's loop,
   * flushed after the loop's I/O batch) and with two (they come from the other loop).
   */
  static Stream<Arguments> transportsAndWorkers() {
    return TransportMatrix.transports().flatMap(t -> Stream.of(Arguments.of(t, 1), Arguments.of(t, 2)));
  }

  @ParameterizedTest
  @MethodSource("transportsAndWorkers")
  void aSlowReaderLosesOffersIsClosedAndNeverGrowsTheTracker(IoTransportChoice transport, int workers) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    final WsConfig config =
        TestTrackers.config(
            transport,
            """
            socket_workers = %s
            [network]
            socket_send_buffer_size = 4096
            [limits]
            write_buffer_size = 16384
            max_queued_messages = 16
            send_timeout = 1
            """
                .formatted(workers));
    try (WsTracker tracker = TestTrackers.start(config)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      try (RawWsClient slow = RawWsClient.connect(address, 4096);
          WsTestClient offerer = WsTestClient.connect(address)) {
        assertThat(slow.handshake("/")).startsWith("HTTP/1.1 101");
        slow.sendText(announce(infoHash(1), peer(2), 0)); // then never reads again
        await().atMost(WsTestClient.WAIT).until(() -> tracker.peerCount(false) == 1);

        for (int i = 0; i < OFFERS; i++) {
          offerer.send(announce(infoHash(1), peer(1), AnnounceEvent.UPDATE, 1000,
              List.of(new ClientOffer(Messages.offerId(i), BIG_SDP))));
        }
        for (int i = 0; i < OFFERS; i++) {
          offerer.next(TrackerMessageKind.ANNOUNCE_RESPONSE); // the offerer is served throughout
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.peerCount(false) == 1
            && MetricValues.sum(tracker.runtime().metrics(),
                    "aquatic_ws_limits_hit_total", "limit", "send_timeout") == 1);
        final double queued = MetricValues.sum(tracker.runtime().metrics(), "aquatic_responses_total", "type", "offer");
        final double dropped = MetricValues.sum(tracker.runtime().metrics(),
                "aquatic_ws_messages_dropped_total", "type", "offer");
        // Announces processed after the slow peer was closed had nobody to offer to.
        assertThat(queued + dropped).isLessThanOrEqualTo(OFFERS);
        // What the tracker took for the slow peer is bounded by its write buffer plus the kernel's
        // small socket buffers: a handful of 8 KB offers, however many were sent.
        assertThat(queued).isLessThanOrEqualTo(12);
        assertThat(dropped).isPositive();
        assertThat(slow.awaitEndOfStream(WsTestClient.WAIT)).isTrue();
      }
    }
  }
}
