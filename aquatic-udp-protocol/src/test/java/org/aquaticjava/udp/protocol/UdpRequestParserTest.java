package org.aquaticjava.udp.protocol;

import static org.aquaticjava.udp.protocol.Requests.CONNECTION_ID;
import static org.aquaticjava.udp.protocol.Requests.TXID;
import static org.aquaticjava.udp.protocol.Requests.announce;
import static org.aquaticjava.udp.protocol.Requests.announceBytes;
import static org.aquaticjava.udp.protocol.Requests.bytes;
import static org.aquaticjava.udp.protocol.Requests.concat;
import static org.aquaticjava.udp.protocol.Requests.connectBytes;
import static org.aquaticjava.udp.protocol.Requests.scrapeBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdpRequestParserTest {
  private final UdpRequestParser parser = new UdpRequestParser(70);
  private final UdpRequest slot = new UdpRequest();

  private UdpParseOutcome parse(byte[] datagram) {
    return parser.parse(Unpooled.wrappedBuffer(datagram), slot);
  }

  private static byte[] withInt(byte[] datagram, int offset, int value) {
    final byte[] copy = datagram.clone();
    Unpooled.wrappedBuffer(copy).setInt(offset, value);
    return copy;
  }

  @Test
  void acceptsConnectAndEchoesTransactionId() {
    assertThat(parse(connectBytes())).isEqualTo(UdpParseOutcome.CONNECT);
    assertThat(slot.transactionId()).isEqualTo(TXID);
  }

  @Test
  void acceptsConnectWithTrailingBytes() {
    assertThat(parse(concat(connectBytes(), bytes(1, 2, 3)))).isEqualTo(UdpParseOutcome.CONNECT);
  }

  @Test
  void dropsConnectWithoutMagic() {
    final byte[] datagram = connectBytes();
    datagram[0] ^= 1;
    assertThat(parse(datagram)).isEqualTo(UdpParseOutcome.DROP);
    assertThat(slot.dropReason()).isEqualTo(UdpDropReason.BAD_PROTOCOL_ID);
  }

  @Test
  void dropsDatagramsShorterThanSixteenBytes() {
    assertThat(parse(Arrays.copyOf(connectBytes(), 15))).isEqualTo(UdpParseOutcome.DROP);
    assertThat(slot.dropReason()).isEqualTo(UdpDropReason.TOO_SHORT);
    assertThat(parse(new byte[0])).isEqualTo(UdpParseOutcome.DROP);
  }

  @Test
  void dropsUnknownActionsIncludingErrorFromAClient() {
    for (int action : new int[] {3, 4, -1, Integer.MAX_VALUE}) {
      assertThat(parse(withInt(announceBytes(announce()), 8, action))).isEqualTo(UdpParseOutcome.DROP);
      assertThat(slot.dropReason()).isEqualTo(UdpDropReason.UNKNOWN_ACTION);
    }
  }

  @Test
  void readsEveryAnnounceField() {
    final byte[] infoHash = bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
    final byte[] peerId = "-qB5010-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    final UdpAnnounceRequest request =
        new UdpAnnounceRequest(infoHash, peerId, 7, -1, 9, 3, 0x7f000001, 0x7f3c1a2b, 200, 65535, null);

    assertThat(parse(announceBytes(request))).isEqualTo(UdpParseOutcome.ANNOUNCE);

    assertThat(slot.connectionId()).isEqualTo(CONNECTION_ID);
    assertThat(slot.transactionId()).isEqualTo(TXID);
    assertThat(slot.infoHashA()).isEqualTo(0x0102030405060708L);
    assertThat(slot.infoHashB()).isEqualTo(0x090a0b0c0d0e0f10L);
    assertThat(slot.infoHashC()).isEqualTo(0x11121314);
    assertThat(slot.peerId()).isEqualTo(peerId);
    assertThat(slot.downloaded()).isEqualTo(7);
    assertThat(slot.left()).isEqualTo(-1);
    assertThat(slot.uploaded()).isEqualTo(9);
    assertThat(slot.event()).isEqualTo(UdpAnnounceEvent.STOPPED);
    assertThat(slot.ipAddress()).isEqualTo(0x7f000001);
    assertThat(slot.key()).isEqualTo(0x7f3c1a2b);
    assertThat(slot.numWant()).isEqualTo(200);
    assertThat(slot.port()).isEqualTo(65535);
    assertThat(slot.urlDataPresent()).isFalse();
    assertThat(slot.urlDataLength()).isZero();
  }

  @Test
  void dropsAnnounceOneByteShortOfTheFixedPart() {
    final byte[] full = announceBytes(announce());
    assertThat(parse(Arrays.copyOf(full, 97))).isEqualTo(UdpParseOutcome.DROP);
    assertThat(slot.dropReason()).isEqualTo(UdpDropReason.TRUNCATED_ANNOUNCE);
    assertThat(parse(full)).isEqualTo(UdpParseOutcome.ANNOUNCE);
  }

  @Test
  void treatsUnknownEventsSuchAsLibtorrentPausedAsNone() {
    for (int event : new int[] {4, 5, -1, Integer.MIN_VALUE}) {
      assertThat(parse(withInt(announceBytes(announce()), 80, event))).isEqualTo(UdpParseOutcome.ANNOUNCE);
      assertThat(slot.event()).isEqualTo(UdpAnnounceEvent.NONE);
    }
  }

  @Test
  void refusesPortZeroWithSendableErrorKeepingIds() {
    final UdpAnnounceRequest portZero =
        UdpAnnounceRequest.of(Requests.INFO_HASH, Requests.PEER_ID, 0, UdpAnnounceEvent.NONE, 0);
    assertThat(parse(announceBytes(portZero))).isEqualTo(UdpParseOutcome.ERROR);
    assertThat(slot.errorMessage()).isEqualTo(UdpErrorMessage.PORT_ZERO);
    assertThat(slot.errorMessage().text()).isEqualTo("Port can't be 0");
    assertThat(slot.connectionId()).isEqualTo(CONNECTION_ID);
    assertThat(slot.transactionId()).isEqualTo(TXID);
  }

  @Test
  void concatenatesUrlDataOptionsAroundNopsAndSkipsUnknownOptions() {
    final byte[] datagram =
        concat(
            announceBytes(announce()),
            bytes(0x02, 0x04, '/', 'a', 'n', 'n', 0x01, 0x01, 0x07, 0x02, 0xff, 0xff, 0x02, 0x05,
                'o', 'u', 'n', 'c', 'e'));
    assertThat(parse(datagram)).isEqualTo(UdpParseOutcome.ANNOUNCE);
    assertThat(urlData()).isEqualTo("/announce");
    assertThat(slot.urlDataPresent()).isTrue();
    assertThat(slot.urlDataTruncated()).isFalse();
  }

  @Test
  void stopsAtEndOfOptions() {
    final byte[] datagram = concat(announceBytes(announce()), bytes(0x02, 0x01, 'a', 0x00, 0x02, 0x01, 'b'));
    assertThat(parse(datagram)).isEqualTo(UdpParseOutcome.ANNOUNCE);
    assertThat(urlData()).isEqualTo("a");
    assertThat(slot.urlDataTruncated()).isFalse();
  }

  @Test
  void recordsEmptyUrlDataAsPresent() {
    assertThat(parse(announceBytes(announce().withUrlData(new byte[0])))).isEqualTo(UdpParseOutcome.ANNOUNCE);
    assertThat(slot.urlDataPresent()).isTrue();
    assertThat(slot.urlDataLength()).isZero();
  }

  @Test
  void keepsAnnounceWhenAnOptionRunsPastTheEnd() {
    final byte[] datagram = concat(announceBytes(announce()), bytes(0x02, 0x02, 'a', 'b', 0x02, 0x09, 'c'));
    assertThat(parse(datagram)).isEqualTo(UdpParseOutcome.ANNOUNCE);
    assertThat(urlData()).isEqualTo("ab");
    assertThat(slot.urlDataTruncated()).isTrue();

    assertThat(parse(concat(announceBytes(announce()), bytes(0x05)))).isEqualTo(UdpParseOutcome.ANNOUNCE);
    assertThat(slot.urlDataTruncated()).isTrue();
    assertThat(slot.urlDataPresent()).isFalse();
  }

  @Test
  void capsConcatenatedUrlDataAndSaysSo() {
    final byte[] path = new byte[UdpRequest.URL_DATA_CAPACITY + 300];
    Arrays.fill(path, (byte) 'x');
    assertThat(parse(announceBytes(announce().withUrlData(path)))).isEqualTo(UdpParseOutcome.ANNOUNCE);
    assertThat(slot.urlDataLength()).isEqualTo(UdpRequest.URL_DATA_CAPACITY);
    assertThat(slot.urlDataTruncated()).isTrue();
  }

  @Test
  void forgetsUrlDataOfThePreviousAnnounce() {
    parse(announceBytes(announce().withUrlData("/announce?k=1".getBytes(StandardCharsets.US_ASCII))));
    assertThat(urlData()).isEqualTo("/announce?k=1");
    parse(announceBytes(announce()));
    assertThat(slot.urlDataLength()).isZero();
    assertThat(slot.urlDataPresent()).isFalse();
  }

  @Test
  void readsScrapeHashesInRequestOrder() {
    assertThat(parse(scrapeBytes(3))).isEqualTo(UdpParseOutcome.SCRAPE);
    assertThat(slot.connectionId()).isEqualTo(CONNECTION_ID);
    assertThat(slot.transactionId()).isEqualTo(TXID);
    assertThat(slot.scrapeHashCount()).isEqualTo(3);
    assertThat(slot.scrapeHashesTruncated()).isZero();
    for (int i = 0; i < 3; i++) {
      final long eight = 0x0101010101010101L * i;
      assertThat(slot.scrapeInfoHashA(i)).isEqualTo(eight);
      assertThat(slot.scrapeInfoHashB(i)).isEqualTo(eight);
      assertThat(slot.scrapeInfoHashC(i)).isEqualTo((int) eight);
    }
    assertThatThrownBy(() -> slot.scrapeInfoHashA(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void truncatesScrapeToTheLimitAndCountsTheRest() {
    final UdpRequestParser smallLimit = new UdpRequestParser(2);
    assertThat(smallLimit.parse(Unpooled.wrappedBuffer(scrapeBytes(5)), slot)).isEqualTo(UdpParseOutcome.SCRAPE);
    assertThat(slot.scrapeHashCount()).isEqualTo(2);
    assertThat(slot.scrapeHashesTruncated()).isEqualTo(3);
    assertThat(slot.scrapeInfoHashC(1)).isEqualTo(0x01010101);
  }

  @Test
  void refusesFullScrape() {
    assertThat(parse(scrapeBytes(0))).isEqualTo(UdpParseOutcome.ERROR);
    assertThat(slot.errorMessage()).isEqualTo(UdpErrorMessage.FULL_SCRAPE);
    assertThat(slot.transactionId()).isEqualTo(TXID);
    assertThat(slot.connectionId()).isEqualTo(CONNECTION_ID);
  }

  @Test
  void refusesScrapeWithPartialHash() {
    assertThat(parse(Arrays.copyOf(scrapeBytes(2), 16 + 39))).isEqualTo(UdpParseOutcome.ERROR);
    assertThat(slot.errorMessage()).isEqualTo(UdpErrorMessage.INVALID_INFO_HASH_LIST);
    assertThat(slot.connectionId()).isEqualTo(CONNECTION_ID);
  }

  @Test
  void truncatesOverlongScrapeEvenWhenItsTailIsCutMidHash() {
    final int limit = parser.maxScrapeTorrents();
    final byte[] cut = Arrays.copyOf(scrapeBytes(limit + 3), 16 + 20 * (limit + 2) + 7);
    assertThat(parse(cut)).isEqualTo(UdpParseOutcome.SCRAPE);
    assertThat(slot.scrapeHashCount()).isEqualTo(limit);
    assertThat(slot.scrapeHashesTruncated()).isEqualTo(2);
  }

  @Test
  void refusesScrapeReadersAfterAnotherOutcome() {
    parse(connectBytes());
    assertThatThrownBy(() -> slot.scrapeInfoHashA(0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void readsFromTheReaderIndexWithoutMovingIt() {
    final var buffer = Unpooled.buffer().writeBytes(bytes(0xaa, 0xbb)).writeBytes(connectBytes());
    buffer.readerIndex(2);
    assertThat(parser.parse(buffer, slot)).isEqualTo(UdpParseOutcome.CONNECT);
    assertThat(buffer.readerIndex()).isEqualTo(2);
  }

  @Test
  void rejectsANonPositiveScrapeLimit() {
    assertThatThrownBy(() -> new UdpRequestParser(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void labelsAreLowerCaseConstantNames() {
    assertThat(UdpDropReason.TRUNCATED_ANNOUNCE.label()).isEqualTo("truncated_announce");
    assertThat(UdpErrorMessage.FULL_SCRAPE.label()).isEqualTo("full_scrape");
  }

  private String urlData() {
    return new String(slot.urlData(), 0, slot.urlDataLength(), StandardCharsets.US_ASCII);
  }
}
