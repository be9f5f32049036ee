package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.answer;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.offerId;
import static org.aquaticjava.ws.Messages.offers;
import static org.aquaticjava.ws.Messages.peer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;

/** An answer after max_offer_age is refused and never reaches the offerer. */
class OfferExpiryIntegrationTest {
  @Test
  void anAnswerAfterTheOfferExpiredIsRefused() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [cleaning]
            max_offer_age = 1
            """);
    try (WsTracker tracker = TestTrackers.start(config)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      try (WsTestClient offerer = WsTestClient.connect(address);
          WsTestClient receiver = WsTestClient.connect(address)) {
        receiver.send(announce(infoHash(1), peer(2), 0));
        receiver.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        offerer.send(announce(infoHash(1), peer(1), null, 1000, offers(1, 2)));
        offerer.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
        receiver.next(TrackerMessageKind.OFFER);

        // Whole seconds: an offer made in second s expires after second s + 1.
        Thread.sleep(2_100);
        receiver.send(answer(infoHash(1), peer(2), peer(1), offerId(1)));
        assertThat(receiver.next(TrackerMessageKind.ERROR).failureReason())
            .isEqualTo("Could not find the offer corresponding to your answer. It may have expired.");
        offerer.expectNothing(Duration.ofMillis(100));
      }
    }
  }
}
