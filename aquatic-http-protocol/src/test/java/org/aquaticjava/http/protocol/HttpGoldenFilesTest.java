package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every response shape written byte for byte as its hand-made golden file, and read back. */
class HttpGoldenFilesTest {
  private static final long HASH_A = 0x123456789abcdef1L;
  private static final long HASH_B = 0x23456789abcdef12L;
  private static final int HASH_C = 0x3456789a;
  private static final long UNKNOWN = 0xaaaaaaaaaaaaaaaaL;
  private static final int IP_192_0_2_1 = 0xc0000201;
  private static final long V6_2001_DB8 = 0x20010db800000000L;
  private static final byte[] QBIT = "-qB5010-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSMISSION = "xx-TR3000-mnopqrstuvwx".getBytes(StandardCharsets.US_ASCII);

  private final ByteBuf out = Unpooled.buffer(16);

  @AfterEach
  void release() {
    out.release();
  }

  private byte[] written() {
    return ByteBufUtil.getBytes(out);
  }

  @Test
  void compactIpv4Announce() {
    AnnounceResponseWriter.writeCompactHeader(out, 1, 0, 1800, 900);
    AnnounceResponseWriter.startIpv4Peers(out, 1);
    AnnounceResponseWriter.writeIpv4Peer(out, IP_192_0_2_1, 6881);
    AnnounceResponseWriter.startIpv6Peers(out, 0);
    AnnounceResponseWriter.endCompact(out);
    Golden.assertMatches("http/announce-response-v4.bencode", written());
    assertThat(out.readableBytes()).isLessThanOrEqualTo(AnnounceResponseWriter.compactMaxLength(1, 0, 0));
  }

  @Test
  void compactIpv6Announce() {
    AnnounceResponseWriter.writeCompactHeader(out, 1, 0, 1800, 900);
    AnnounceResponseWriter.startIpv4Peers(out, 0);
    AnnounceResponseWriter.startIpv6Peers(out, 1);
    AnnounceResponseWriter.writeIpv6Peer(out, V6_2001_DB8, 1, 6881);
    AnnounceResponseWriter.endCompact(out);
    Golden.assertMatches("http/announce-response-v6.bencode", written());
  }

  @Test
  void dictionaryAnnounceWithPeerIds() {
    AnnounceResponseWriter.writeDictionaryHeader(out, 1, 1, 1800, 900);
    AnnounceResponseWriter.writeIpv4PeerDictionary(out, IP_192_0_2_1, 6881, QBIT, 0);
    AnnounceResponseWriter.writeIpv6PeerDictionary(out, V6_2001_DB8, 1, 51413, TRANSMISSION, 2);
    AnnounceResponseWriter.endDictionary(out);
    Golden.assertMatches("http/announce-response-dictionary.bencode", written());
  }

  @Test
  void dictionaryAnnounceWithoutPeerIdsWithWarning() {
    AnnounceResponseWriter.writeDictionaryHeader(out, 0, 2, 1800, 900);
    AnnounceResponseWriter.writeIpv4PeerDictionary(out, 0xc6336407, 6881);
    AnnounceResponseWriter.writeIpv6PeerDictionary(out, 0x20010db800000001L, 0, 51413);
    AnnounceResponseWriter.endDictionary(out, "tracker is testing".getBytes(StandardCharsets.US_ASCII));
    Golden.assertMatches("http/announce-response-dictionary-no-peer-id.bencode", written());
  }

  @Test
  void scrapeWithAnUnknownHashAnsweredWithZeros() {
    ScrapeResponseWriter.writeHeader(out);
    ScrapeResponseWriter.writeEntry(out, HASH_A, HASH_B, HASH_C, 5, 0, 3);
    ScrapeResponseWriter.writeEntry(out, UNKNOWN, UNKNOWN, (int) UNKNOWN, 0, 0, 0);
    ScrapeResponseWriter.end(out);
    Golden.assertMatches("http/scrape-unknown-hash.bencode", written());
    assertThat(out.readableBytes()).isLessThanOrEqualTo(ScrapeResponseWriter.maxLength(2));
  }

  @Test
  void scrapeOfTheGoldenHashesParsedFromATarget() {
    final HttpQuery query = new HttpQuery(10);
    final String target = "/scrape?info_hash=" + "%AA".repeat(20) + "&info_hash=%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A";
    assertThat(new HttpQueryParser().parse(target, query)).isEqualTo(QueryOutcome.SCRAPE);
    final ScrapeQuery scrape = query.scrape();
    ScrapeResponseWriter.writeHeader(out);
    for (int i = 0; i < scrape.hashCount(); i++) {
      final boolean known = scrape.infoHashA(i) == HASH_A;
      ScrapeResponseWriter.writeEntry(
          out, scrape.infoHashA(i), scrape.infoHashB(i), scrape.infoHashC(i), known ? 5 : 0, 0, known ? 3 : 0);
    }
    ScrapeResponseWriter.end(out);
    Golden.assertMatches("http/scrape-unknown-hash.bencode", written());
  }

  @Test
  void failure() {
    FailureResponseWriter.write(out, FailureReason.INFO_HASH_NOT_ALLOWED);
    Golden.assertMatches("http/failure.bencode", written());
  }

  @Test
  void failureWithMinIntervalAndRetryIn() {
    FailureResponseWriter.write(out, "Overloaded".getBytes(StandardCharsets.US_ASCII), 300, 5);
    Golden.assertMatches("http/failure-retry-in.bencode", written());
  }

  @Test
  void failureWithRetryNever() {
    FailureResponseWriter.writeRetryNever(out, "this is not a tracker.".getBytes(StandardCharsets.US_ASCII));
    Golden.assertMatches("http/failure-retry-never.bencode", written());
  }

  @Test
  void clientWriterProducesTheLibtorrentGoldenTargetMinusItsExtras() {
    final AnnounceRequest request =
        new AnnounceRequest(
            "/announce",
            HexFormat.of().parseHex("123456789abcdef123456789abcdef123456789a"),
            QBIT, 6881, 0, 0, 1048576, AnnounceEvent.STARTED, 200, true, true,
            "7F3C1A2B".getBytes(StandardCharsets.US_ASCII));
    final String golden = Golden.latin1("http/announce-request-libtorrent.txt");
    assertThat(HttpAnnounceRequestWriter.announceTarget(request))
        .isEqualTo(golden.replace("&corrupt=0", "").replace("&supportcrypto=1", ""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "announce-response-v4.bencode", "announce-response-v6.bencode",
        "announce-response-dictionary.bencode", "announce-response-dictionary-no-peer-id.bencode",
        "scrape-unknown-hash.bencode", "failure.bencode", "failure-retry-in.bencode",
        "failure-retry-never.bencode"
      })
  void everyGoldenIsStrictBencode(String name) throws BencodeException {
    final BencodeValue value = new BencodeReader().read(Golden.bytes("http/" + name));
    assertThat(value).isInstanceOf(BencodeValue.Dict.class);
  }

  @Test
  void goldenAnnounceReadsAsTheExpectedValues() throws BencodeException {
    final BencodeValue.Dict dict =
        (BencodeValue.Dict)
            new BencodeReader().read(Golden.bytes("http/announce-response-dictionary.bencode"));
    assertThat(dict.integer("complete")).isEqualTo(1);
    assertThat(dict.integer("interval")).isEqualTo(1800);
    final List<BencodeValue> peers = dict.list("peers");
    assertThat(peers).hasSize(2);
    final BencodeValue.Dict v6 = (BencodeValue.Dict) peers.get(1);
    assertThat(new String(v6.bytes("ip"), StandardCharsets.US_ASCII)).isEqualTo("2001:db8::1");
    assertThat(v6.integer("port")).isEqualTo(51413);
  }
}
