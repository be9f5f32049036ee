package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Reads bytes with both readers and checks what every outcome promises; used by the hostile-input
 * sweeps and the fuzz test. Any exception escaping a reader fails the caller.
 */
final class WsRequestInvariants {
  private static final WebTorrentJsonWriter WRITER = new WebTorrentJsonWriter();

  private WsRequestInvariants() {}

  static WsParseOutcome check(WsRequestParser reader, WsRequest slot, byte[] bytes) {
    final WsParseOutcome outcome = reader.parse(bytes, 0, bytes.length, slot);
    assertThat(slot.outcome()).isEqualTo(outcome);
    final ReadLimits limits = reader.limits();
    switch (outcome) {
      case ANNOUNCE -> {
        assertThat(slot.action()).isEqualTo(MessageAction.ANNOUNCE);
        assertThat(slot.infoHashKnown()).isTrue();
        assertThat(slot.offerCount()).isBetween(0, limits.maxOffers());
        for (int i = 0; i < slot.offerCount(); i++) {
          assertLiteral(slot, slot.offerSdpOffset(i), slot.offerSdpLength(i), limits);
        }
        if (slot.hasAnswer()) {
          assertLiteral(slot, slot.answerSdpOffset(), slot.answerSdpLength(), limits);
        }
        assertThat(slot.left()).isGreaterThanOrEqualTo(WsRequest.LEFT_UNKNOWN);
        assertRelaysAreReadable(slot);
      }
      case SCRAPE -> {
        assertThat(slot.action()).isEqualTo(MessageAction.SCRAPE);
        assertThat(slot.scrapeHashCount()).isBetween(0, limits.maxScrapeHashes());
      }
      case ERROR -> {
        assertThat(slot.error()).isNotNull();
        final ByteBuf reply = Unpooled.buffer();
        WRITER.writeError(reply, slot);
        assertThat(reply.readableBytes()).isPositive();
      }
    }
    return outcome;
  }

  private static void assertLiteral(WsRequest slot, int offset, int length, ReadLimits limits) {
    assertThat(length).isBetween(2, limits.maxSdpSize());
    assertThat(offset + length).isLessThanOrEqualTo(slot.messageLength());
    assertThat(slot.messageBytes()[offset]).isEqualTo((byte) '"');
    assertThat(slot.messageBytes()[offset + length - 1]).isEqualTo((byte) '"');
  }

  /** Every relay the tracker would write from this announce is itself a readable tracker message. */
  private static void assertRelaysAreReadable(WsRequest slot) {
    final TrackerMessageParser reader = new TrackerMessageParser(1 << 17, 1 << 17);
    final TrackerMessage message = new TrackerMessage(1 << 17, 4);
    for (int i = 0; i < slot.offerCount(); i++) {
      final ByteBuf out = Unpooled.buffer();
      WRITER.writeOfferRelay(out, slot, i);
      assertThat(reader.parse(out, message)).isEqualTo(TrackerMessageKind.OFFER);
    }
    if (slot.hasAnswer()) {
      final ByteBuf out = Unpooled.buffer();
      WRITER.writeAnswerRelay(out, slot);
      assertThat(reader.parse(out, message)).isEqualTo(TrackerMessageKind.ANSWER);
    }
  }
}
