package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.IH;
import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.offerId;
import static org.aquaticjava.ws.Messages.peer;
import static org.aquaticjava.ws.Messages.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.TransportMatrix;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.aquaticjava.ws.protocol.ClientOffer;
import org.aquaticjava.ws.protocol.JsonText;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text messages must be UTF-8 (RFC 6455 §8.1): non-ASCII text is relayed intact, even when a
 * character is split between fragments; anything else closes the connection with 1007, at the
 * first bad fragment, and the rest of the tracker carries on.
 */
class Utf8IntegrationTest {
  private static final String NON_ASCII_SDP = "v=0\r\ns=é€😀\r\n";

  private static InetSocketAddress v4(WsTracker tracker) {
    return LoopbackFamily.IPV4.of(tracker);
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void splitCharactersAreRelayedIntactAndInvalidTextClosesWith1007(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport);
        WsTestClient receiver = WsTestClient.connect(v4(tracker));
        RawWsClient offerer = RawWsClient.connect(v4(tracker), 0)) {
      receiver.send(announce(IH, peer(2), 1000));
      receiver.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      assertThat(offerer.handshake("/")).startsWith("HTTP/1.1 101");

      final byte[] message =
          announce(IH, peer(1), AnnounceEvent.STARTED, 1000,
                  List.of(new ClientOffer(offerId(1), JsonText.of(NON_ASCII_SDP))))
              .getBytes(StandardCharsets.UTF_8);
      final int split = indexOf(message, "€".getBytes(StandardCharsets.UTF_8)) + 1; // inside €
      offerer.sendFrame(0x1, false, Arrays.copyOfRange(message, 0, split));
      offerer.sendFrame(0x0, true, Arrays.copyOfRange(message, split, message.length));
      final TrackerMessage offer = receiver.next(TrackerMessageKind.OFFER);
      final byte[] sdp = Arrays.copyOfRange(
          offer.messageBytes(), offer.sdpOffset(), offer.sdpOffset() + offer.sdpLength());
      assertThat(sdp).isEqualTo(JsonText.of(NON_ASCII_SDP).literal());
      assertThat(tracker.peerCount(false)).isEqualTo(2);

      // An overlong '/' in an otherwise well-formed message.
      offerer.sendFrame(0x1, true, withBytes(scrape(IH), "c0af"));
      assertThat(offerer.awaitCloseCode()).isEqualTo(1007);
      assertThat(offerer.awaitEndOfStream(WsTestClient.WAIT)).isTrue();
      org.awaitility.Awaitility.await().atMost(WsTestClient.WAIT).until(() -> tracker.peerCount(false) == 1);
      receiver.send(scrape(IH));
      assertThat(receiver.next(TrackerMessageKind.SCRAPE_RESPONSE).scrapeIncomplete(0)).isEqualTo(1);
    }
  }

  @Test
  void aBadFirstFragmentClosesWithoutWaitingForTheRest() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO);
        RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
      client.sendFrame(0x1, false, withBytes("{\"action\":\"scrape\",\"x\":\"", "eda080")); // a surrogate
      assertThat(client.awaitCloseCode()).isEqualTo(1007);
    }
  }

  @Test
  void aMessageEndingInsideACharacterClosesWith1007() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO);
        RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
      client.sendFrame(0x1, false, "{\"action\":\"scrape\"}".getBytes(StandardCharsets.US_ASCII));
      client.sendFrame(0x0, true, HexFormat.of().parseHex("e282")); // € without its last byte
      assertThat(client.awaitCloseCode()).isEqualTo(1007);
    }
  }

  /** {@code text} as UTF-8 with the bytes {@code hex} put in before its last character. */
  private static byte[] withBytes(String text, String hex) {
    final byte[] head = text.substring(0, text.length() - 1).getBytes(StandardCharsets.UTF_8);
    final byte[] bad = HexFormat.of().parseHex(hex);
    final byte[] tail = text.substring(text.length() - 1).getBytes(StandardCharsets.UTF_8);
    final byte[] all = Arrays.copyOf(head, head.length + bad.length + tail.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    return all;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
