package org.aquaticjava.udp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * What must hold for any datagram, whatever its bytes: shared by the hostile-input sweeps and the
 * fuzz test. Parsing throws nothing (an exception fails the caller), and the outcome agrees with
 * the length and the action.
 */
final class ParseInvariants {
  private ParseInvariants() {}

  /** Parses {@code data} (placed at a non-zero reader index) and checks the invariants. */
  static UdpParseOutcome check(UdpRequestParser parser, UdpRequest slot, byte[] data) {
    final ByteBuf buffer = Unpooled.buffer(data.length + 3);
    buffer.writeBytes(new byte[] {9, 9, 9}).writeBytes(data).readerIndex(3);
    final UdpParseOutcome outcome = parser.parse(buffer, slot);
    assertThat(slot.outcome()).isEqualTo(outcome);
    assertThat(buffer.readerIndex()).isEqualTo(3);
    assertThat(buffer.readableBytes()).isEqualTo(data.length);
    if (data.length < UdpProtocol.CONNECT_REQUEST_LENGTH) {
      assertThat(outcome).isEqualTo(UdpParseOutcome.DROP);
      assertThat(slot.dropReason()).isEqualTo(UdpDropReason.TOO_SHORT);
      return outcome;
    }
    final int action = buffer.getInt(3 + 8);
    switch (outcome) {
      case CONNECT -> {
        assertThat(action).isEqualTo(UdpProtocol.ACTION_CONNECT);
        assertThat(buffer.getLong(3)).isEqualTo(UdpProtocol.PROTOCOL_ID);
      }
      case ANNOUNCE -> {
        assertThat(action).isEqualTo(UdpProtocol.ACTION_ANNOUNCE);
        assertThat(data.length).isGreaterThanOrEqualTo(UdpProtocol.ANNOUNCE_REQUEST_MIN_LENGTH);
        assertThat(slot.port()).isBetween(1, 0xFFFF);
        assertThat(slot.urlDataLength()).isBetween(0, UdpRequest.URL_DATA_CAPACITY);
        assertThat(slot.urlDataLength())
            .isLessThanOrEqualTo(data.length - UdpProtocol.ANNOUNCE_REQUEST_MIN_LENGTH);
      }
      case SCRAPE -> {
        assertThat(action).isEqualTo(UdpProtocol.ACTION_SCRAPE);
        final int sent = (data.length - 16) / 20;
        if ((data.length - 16) % 20 != 0) {
          // a cut tail is tolerated only beyond the hashes kept
          assertThat(sent).isGreaterThan(parser.maxScrapeTorrents());
        }
        assertThat(slot.scrapeHashCount()).isBetween(1, parser.maxScrapeTorrents());
        assertThat(slot.scrapeHashCount() + slot.scrapeHashesTruncated()).isEqualTo(sent);
        final int last = slot.scrapeHashCount() - 1;
        assertThat(slot.scrapeInfoHashC(last)).isEqualTo(buffer.getInt(3 + 16 + last * 20 + 16));
      }
      case ERROR -> {
        assertThat(action).isIn(UdpProtocol.ACTION_ANNOUNCE, UdpProtocol.ACTION_SCRAPE);
        assertThat(slot.connectionId()).isEqualTo(buffer.getLong(3));
        assertThat(slot.transactionId()).isEqualTo(buffer.getInt(3 + 12));
      }
      case DROP ->
          assertThat(slot.dropReason())
              .isIn(UdpDropReason.BAD_PROTOCOL_ID, UdpDropReason.TRUNCATED_ANNOUNCE, UdpDropReason.UNKNOWN_ACTION);
    }
    if (action == UdpProtocol.ACTION_ANNOUNCE && data.length < 98) {
      assertThat(outcome).isEqualTo(UdpParseOutcome.DROP);
      assertThat(slot.dropReason()).isEqualTo(UdpDropReason.TRUNCATED_ANNOUNCE);
    }
    return outcome;
  }

  /** The client-side parser: throws nothing, and its counts fit the datagram. */
  static UdpResponseOutcome checkResponse(byte[] data, AddressFamily family, UdpResponse slot) {
    final UdpResponseOutcome outcome =
        UdpResponseParser.parse(Unpooled.wrappedBuffer(data), family, slot);
    switch (outcome) {
      case ANNOUNCE -> {
        assertThat(20 + slot.peerCount() * family.peerLength()).isEqualTo(data.length);
        if (slot.peerCount() > 0) {
          assertThat(slot.peerPort(slot.peerCount() - 1)).isBetween(0, 0xFFFF);
        }
      }
      case SCRAPE -> assertThat(8 + slot.scrapeEntryCount() * 12).isEqualTo(data.length);
      case CONNECT -> assertThat(data.length).isGreaterThanOrEqualTo(16);
      case ERROR -> assertThat(slot.errorMessage()).isNotNull();
      case MALFORMED -> assertThat(slot.peerCount() + slot.scrapeEntryCount()).isZero();
    }
    return outcome;
  }
}
