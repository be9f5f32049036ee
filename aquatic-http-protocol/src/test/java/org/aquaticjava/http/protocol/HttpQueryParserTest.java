package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpQueryParserTest {
  private static final String HASH_HEX = "123456789abcdef123456789abcdef123456789a";
  private static final String HASH = "%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A";
  private static final String PEER = "-qB5010-abcdefghijkl";
  private static final String MINIMAL = "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=6881";

  private final HttpQueryParser parser = new HttpQueryParser();
  private final HttpQuery query = new HttpQuery(4);

  private QueryOutcome parse(String target) {
    return parser.parse(target, query);
  }

  private FailureReason failureOf(String target) {
    assertThat(parse(target)).isEqualTo(QueryOutcome.FAILURE);
    return query.failure();
  }

  private AnnounceQuery announce(String target) {
    assertThat(parse(target)).as(() -> target + " -> " + query.failure()).isEqualTo(QueryOutcome.ANNOUNCE);
    return query.announce();
  }

  private static byte[] infoHash(AnnounceQuery a) {
    final ByteBuf hash = Unpooled.buffer(20);
    hash.writeLong(a.infoHashA()).writeLong(a.infoHashB()).writeInt(a.infoHashC());
    return hash.array();
  }

  @Test
  void parsesTheLibtorrentGoldenAnnounce() {
    final AnnounceQuery a = announce(Golden.latin1("http/announce-request-libtorrent.txt"));
    assertThat(infoHash(a)).isEqualTo(HexFormat.of().parseHex(HASH_HEX));
    assertThat(a.peerId()).isEqualTo(PEER.getBytes(StandardCharsets.US_ASCII));
    assertThat(a.port()).isEqualTo(6881);
    assertThat(a.uploaded()).isZero();
    assertThat(a.downloaded()).isZero();
    assertThat(a.left()).isEqualTo(1048576);
    assertThat(a.event()).isEqualTo(AnnounceEvent.STARTED);
    assertThat(a.unknownEvent()).isFalse();
    assertThat(a.numWant()).isEqualTo(200);
    assertThat(a.compact()).isTrue();
    assertThat(a.noPeerId()).isTrue();
    assertThat(Arrays.copyOf(a.key(), a.keyLength())).isEqualTo("7F3C1A2B".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void parsesTheSameBytesFromABufferWithoutMovingItsIndexes() {
    final byte[] target = Golden.bytes("http/announce-request-libtorrent.txt");
    final ByteBuf buffer = Unpooled.buffer().writeBytes("GET ".getBytes(StandardCharsets.US_ASCII)).writeBytes(target);
    buffer.readerIndex(4);
    assertThat(parser.parse(buffer, query)).isEqualTo(QueryOutcome.ANNOUNCE);
    assertThat(buffer.readerIndex()).isEqualTo(4);
    assertThat(buffer.writerIndex()).isEqualTo(4 + target.length);
    assertThat(query.announce().numWant()).isEqualTo(200);
  }

  @Test
  void minimalAnnounceTakesTheDefaults() {
    final AnnounceQuery a = announce(MINIMAL);
    assertThat(a.uploaded()).isZero();
    assertThat(a.downloaded()).isZero();
    assertThat(a.left()).isEqualTo(AnnounceQuery.LEFT_UNKNOWN);
    assertThat(a.event()).isEqualTo(AnnounceEvent.NONE);
    assertThat(a.numWant()).isZero();
    assertThat(a.compact()).isTrue();
    assertThat(a.noPeerId()).isFalse();
    assertThat(a.keyLength()).isZero();
  }

  @Test
  void slotIsResetBetweenParses() {
    announce(MINIMAL + "&left=0&event=completed&numwant=5&compact=0&no_peer_id=1&key=abc");
    final AnnounceQuery a = announce(MINIMAL);
    assertThat(a.left()).isEqualTo(AnnounceQuery.LEFT_UNKNOWN);
    assertThat(a.event()).isEqualTo(AnnounceEvent.NONE);
    assertThat(a.numWant()).isZero();
    assertThat(a.compact()).isTrue();
    assertThat(a.noPeerId()).isFalse();
    assertThat(a.keyLength()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "started, STARTED, false",
    "stopped, STOPPED, false",
    "completed, COMPLETED, false",
    "paused, PAUSED, false",
    "empty, NONE, false",
    "'', NONE, false",
    "Started, NONE, true",
    "update, NONE, true",
    "%73tarted, NONE, true",
  })
  void readsEventsAndTreatsUnknownOnesAsRegularAnnounces(String value, AnnounceEvent event, boolean unknown) {
    final AnnounceQuery a = announce(MINIMAL + "&event=" + value);
    assertThat(a.event()).isEqualTo(event);
    assertThat(a.unknownEvent()).isEqualTo(unknown);
  }

  @ParameterizedTest
  @CsvSource({"1, true", "0, false", "'', true", "yes, true", "00, true"})
  void compactIsOnlyOffForZero(String value, boolean compact) {
    assertThat(announce(MINIMAL + "&compact=" + value).compact()).isEqualTo(compact);
  }

  @Test
  void noPeerIdIsOnForAnyValueButZero() {
    assertThat(announce(MINIMAL + "&no_peer_id=1").noPeerId()).isTrue();
    assertThat(announce(MINIMAL + "&no_peer_id").noPeerId()).isTrue();
    assertThat(announce(MINIMAL + "&no_peer_id=0").noPeerId()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"50, 50", "0, 0", "-1, 0", "-9223372036854775807, 0", "9223372036854775807, 2147483647", "007, 7"})
  void numwantOfZeroOrLessMeansTheDefault(String value, int expected) {
    assertThat(announce(MINIMAL + "&numwant=" + value).numWant()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "6881, 6881", "65535, 65535", "00080, 80"})
  void acceptsPorts(String value, int port) {
    assertThat(announce(MINIMAL + "&port=" + value).port()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "-1", "", "80a", "+80", " 80", "99999999999999999999"})
  void refusesPortsOutside1To65535(String value) {
    assertThat(failureOf(MINIMAL + "&port=" + value)).isEqualTo(FailureReason.INVALID_PORT);
  }

  @Test
  void readsSigned64BitCounters() {
    final AnnounceQuery a =
        announce(MINIMAL + "&uploaded=9223372036854775807&downloaded=-5&left=-1");
    assertThat(a.uploaded()).isEqualTo(Long.MAX_VALUE);
    assertThat(a.downloaded()).isEqualTo(-5);
    assertThat(a.left()).isEqualTo(-1);
  }

  @ParameterizedTest
  @CsvSource({
    "uploaded=x, INVALID_UPLOADED",
    "downloaded=1.5, INVALID_DOWNLOADED",
    "left=, INVALID_LEFT",
    "left=-, INVALID_LEFT",
    "left=9223372036854775808, INVALID_LEFT",
    "left=-9223372036854775808, INVALID_LEFT",
    "numwant=lots, INVALID_NUMWANT",
  })
  void refusesMalformedNumbers(String pair, FailureReason reason) {
    assertThat(failureOf(MINIMAL + "&" + pair)).isEqualTo(reason);
  }

  @Test
  void refusesMissingRequiredParametersInOrder() {
    assertThat(failureOf("/announce")).isEqualTo(FailureReason.MISSING_INFO_HASH);
    assertThat(failureOf("/announce?")).isEqualTo(FailureReason.MISSING_INFO_HASH);
    assertThat(failureOf("/announce?peer_id=" + PEER + "&port=1")).isEqualTo(FailureReason.MISSING_INFO_HASH);
    assertThat(failureOf("/announce?info_hash=" + HASH + "&port=1")).isEqualTo(FailureReason.MISSING_PEER_ID);
    assertThat(failureOf("/announce?info_hash=" + HASH + "&peer_id=" + PEER)).isEqualTo(FailureReason.MISSING_PORT);
  }

  @Test
  void keyIsPercentDecodedAndLimitedTo100Bytes() {
    final AnnounceQuery a = announce(MINIMAL + "&key=a%2Bb+c");
    assertThat(Arrays.copyOf(a.key(), a.keyLength())).isEqualTo("a+b+c".getBytes(StandardCharsets.US_ASCII));
    assertThat(announce(MINIMAL + "&key=" + "k".repeat(100)).keyLength()).isEqualTo(100);
    assertThat(announce(MINIMAL + "&key=" + "%41".repeat(100)).keyLength()).isEqualTo(100);
    assertThat(failureOf(MINIMAL + "&key=" + "k".repeat(101))).isEqualTo(FailureReason.KEY_TOO_LONG);
    assertThat(failureOf(MINIMAL + "&key=%4")).isEqualTo(FailureReason.MALFORMED_PERCENT_ENCODING);
  }

  @Test
  void ignoresUnknownParametersEmptyPairsAndTheFragment() {
    final AnnounceQuery a =
        announce(
            "/announce?&&ip=10.0.0.1&ipv6=%3A%3A1&trackerid=x&corrupt=0&supportcrypto=1&=&novalue&info_hash="
                + HASH + "&peer_id=" + PEER + "&port=6881&&#numwant=5");
    assertThat(a.port()).isEqualTo(6881);
    assertThat(a.numWant()).isZero();
  }

  @Test
  void laterValuesReplaceEarlierOnes() {
    assertThat(announce(MINIMAL + "&port=7000&port=7001").port()).isEqualTo(7001);
  }

  @Test
  void parameterOrderDoesNotMatter() {
    final AnnounceQuery a = announce("/announce?port=6881&peer_id=" + PEER + "&left=0&info_hash=" + HASH);
    assertThat(infoHash(a)).isEqualTo(HexFormat.of().parseHex(HASH_HEX));
    assertThat(a.left()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "/", "*", "/announce/KEY?x", "/Announce?x", "/announcex", "/x/announce", "announce?x",
        "/scrape/?info_hash=x", "http://host", "http://host?/announce", "/%61nnounce?x", "ftp://h/announce"
      })
  void refusesOtherPaths(String target) {
    assertThat(failureOf(target)).isEqualTo(FailureReason.UNKNOWN_PATH);
  }

  @Test
  void acceptsAbsoluteFormTargets() {
    assertThat(parse("http://tracker.example.org:3000" + MINIMAL)).isEqualTo(QueryOutcome.ANNOUNCE);
    assertThat(parse("HTTPS://[::1]" + MINIMAL)).isEqualTo(QueryOutcome.ANNOUNCE);
  }

  @Test
  void usesTheConfiguredPaths() {
    final HttpQueryParser custom = new HttpQueryParser("/t/announce.php", "/t/scrape.php");
    assertThat(custom.parse(MINIMAL, query)).isEqualTo(QueryOutcome.FAILURE);
    assertThat(custom.parse(MINIMAL.replace("/announce", "/t/announce.php"), query)).isEqualTo(QueryOutcome.ANNOUNCE);
    assertThat(custom.parse("/t/scrape.php?info_hash=" + HASH, query)).isEqualTo(QueryOutcome.SCRAPE);
    assertThatThrownBy(() -> new HttpQueryParser("announce", "/scrape")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpQueryParser("/a", "/a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpQueryParser("/a?x", "/b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scrapeKeepsDistinctHashesSortedAndCountsAll() {
    final String low = "%00".repeat(20);
    final String high = "%FF".repeat(20);
    assertThat(parse("/scrape?info_hash=" + high + "&info_hash=" + HASH + "&x=1&info_hash=" + low + "&info_hash=" + HASH))
        .isEqualTo(QueryOutcome.SCRAPE);
    final ScrapeQuery s = query.scrape();
    assertThat(s.hashesPresent()).isEqualTo(4);
    assertThat(s.hashCount()).isEqualTo(3);
    assertThat(s.infoHashA(0)).isZero();
    assertThat(s.infoHashA(1)).isEqualTo(0x123456789abcdef1L);
    assertThat(s.infoHashC(1)).isEqualTo(0x3456789a);
    assertThat(s.infoHashA(2)).isEqualTo(-1L);
    assertThat(s.infoHashC(2)).isEqualTo(-1);
    assertThatThrownBy(() -> s.infoHashA(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void scrapeKeepsTheFirstHashesUpToTheCapacity() {
    final StringBuilder target = new StringBuilder("/scrape?");
    for (int i = 9; i >= 1; i--) {
      target.append("info_hash=").append(String.valueOf((char) ('0' + i)).repeat(20)).append('&');
    }
    assertThat(parse(target.toString())).isEqualTo(QueryOutcome.SCRAPE);
    assertThat(query.scrape().hashesPresent()).isEqualTo(9);
    assertThat(query.scrape().hashCount()).isEqualTo(4);
    assertThat(query.scrape().infoHashA(0) >>> 56).isEqualTo('6'); // 9, 8, 7, 6 kept, then sorted
  }

  @Test
  void refusesScrapesWithoutOrWithBadHashes() {
    assertThat(failureOf("/scrape")).isEqualTo(FailureReason.FULL_SCRAPE);
    assertThat(failureOf("/scrape?peer_id=x")).isEqualTo(FailureReason.FULL_SCRAPE);
    assertThat(failureOf("/scrape?info_hash=" + HASH + "&info_hash=abc")).isEqualTo(FailureReason.INFO_HASH_NOT_20_BYTES);
    assertThat(failureOf("/scrape?info_hash=" + HASH + "x")).isEqualTo(FailureReason.INFO_HASH_NOT_20_BYTES);
    assertThat(failureOf("/scrape?info_hash=%GG")).isEqualTo(FailureReason.MALFORMED_PERCENT_ENCODING);
  }

  @Test
  void scrapeCapacityMustBePositive() {
    assertThatThrownBy(() -> new HttpQuery(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
