package org.aquaticjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.aquaticjava.udp.protocol.ParseOutcome;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.aquaticjava.udp.protocol.UdpErrorMessage;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.aquaticjava.udp.protocol.UdpRequestParser;
import org.aquaticjava.udp.protocol.UdpRequestWriter;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.aquaticjava.udp.protocol.UdpResponseParser;
import org.aquaticjava.udp.protocol.UdpResponseWriter;
import org.junit.jupiter.api.Test;

/** Every UDP message shape, parsed from and written to its hand-made golden file byte for byte. */
class UdpGoldenFilesTest {
  private static final int TXID = 0x12345678;
  private static final long CONNECTION_ID = 0x00000e10a1b2c3d4L;
  private static final byte[] INFO_HASH = HexFormat.of().parseHex("123456789abcdef123456789abcdef123456789a");
  private static final byte[] PEER_ID = "-qB5010-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);

  private final UdpRequestParser parser = new UdpRequestParser(70);
  private final UdpRequest request = new UdpRequest();
  private final UdpResponse response = new UdpResponse();
  private final ByteBuf out = Unpooled.buffer();

  private byte[] written() {
    return ByteBufUtil.getBytes(out);
  }

  @Test
  void connectRequest() {
    assertThat(parser.parse(Golden.buffer("udp/connect-request.bin"), request)).isEqualTo(ParseOutcome.CONNECT);
    assertThat(request.transactionId()).isEqualTo(TXID);

    UdpRequestWriter.writeConnect(out, TXID);
    Golden.assertMatches("udp/connect-request.bin", written());
  }

  @Test
  void connectResponse() {
    UdpResponseWriter.writeConnect(out, TXID, CONNECTION_ID);
    Golden.assertMatches("udp/connect-response.bin", written());

    assertThat(UdpResponseParser.parse(Golden.buffer("udp/connect-response.bin"), AddressFamily.IPV4, response))
        .isEqualTo(ResponseOutcome.CONNECT);
    assertThat(response.transactionId()).isEqualTo(TXID);
    assertThat(response.connectionId()).isEqualTo(CONNECTION_ID);
  }

  @Test
  void announceRequestWithBep41UrlData() {
    assertThat(parser.parse(Golden.buffer("udp/announce-request-bep41.bin"), request))
        .isEqualTo(ParseOutcome.ANNOUNCE);
    assertThat(request.connectionId()).isEqualTo(CONNECTION_ID);
    assertThat(request.transactionId()).isEqualTo(TXID);
    assertThat(request.infoHashA()).isEqualTo(0x123456789abcdef1L);
    assertThat(request.infoHashB()).isEqualTo(0x23456789abcdef12L);
    assertThat(request.infoHashC()).isEqualTo(0x3456789a);
    assertThat(request.peerId()).isEqualTo(PEER_ID);
    assertThat(request.downloaded()).isZero();
    assertThat(request.left()).isEqualTo(1_048_576);
    assertThat(request.uploaded()).isZero();
    assertThat(request.event()).isEqualTo(AnnounceEvent.STARTED);
    assertThat(request.ipAddress()).isZero();
    assertThat(request.key()).isEqualTo(0x7f3c1a2b);
    assertThat(request.numWant()).isEqualTo(-1);
    assertThat(request.port()).isEqualTo(6881);
    assertThat(new String(request.urlData(), 0, request.urlDataLength(), StandardCharsets.US_ASCII))
        .isEqualTo("/announce");
    assertThat(request.urlDataTruncated()).isFalse();

    final AnnounceRequest sent =
        new AnnounceRequest(INFO_HASH, PEER_ID, 0, 1_048_576, 0, 2, 0, 0x7f3c1a2b, -1, 6881,
            "/announce".getBytes(StandardCharsets.US_ASCII));
    UdpRequestWriter.writeAnnounce(out, CONNECTION_ID, TXID, sent);
    Golden.assertMatches("udp/announce-request-bep41.bin", written());
  }

  @Test
  void announceResponseIpv4() {
    UdpResponseWriter.writeAnnounceHeader(out, TXID, 900, 1, 1);
    UdpResponseWriter.writeIpv4Peer(out, 0xc0000201, 6881);
    UdpResponseWriter.writeIpv4Peer(out, 0xc6336407, 51413);
    Golden.assertMatches("udp/announce-response-v4.bin", written());

    assertThat(UdpResponseParser.parse(Golden.buffer("udp/announce-response-v4.bin"), AddressFamily.IPV4, response))
        .isEqualTo(ResponseOutcome.ANNOUNCE);
    assertThat(response.interval()).isEqualTo(900);
    assertThat(response.leechers()).isEqualTo(1);
    assertThat(response.seeders()).isEqualTo(1);
    assertThat(response.peerCount()).isEqualTo(2);
    assertThat(response.peerAddress(1)).containsExactly(198, 51, 100, 7);
    assertThat(response.peerPort(1)).isEqualTo(51413);
  }

  @Test
  void announceResponseIpv6() {
    UdpResponseWriter.writeAnnounceHeader(out, TXID, 900, 0, 1);
    UdpResponseWriter.writeIpv6Peer(out, 0x20010db800000000L, 1L, 6881);
    Golden.assertMatches("udp/announce-response-v6.bin", written());

    assertThat(UdpResponseParser.parse(Golden.buffer("udp/announce-response-v6.bin"), AddressFamily.IPV6, response))
        .isEqualTo(ResponseOutcome.ANNOUNCE);
    assertThat(response.peerCount()).isOne();
    assertThat(response.peerIpv6High(0)).isEqualTo(0x20010db800000000L);
    assertThat(response.peerIpv6Low(0)).isEqualTo(1L);
    assertThat(response.peerPort(0)).isEqualTo(6881);
    // The bytes do not say their family: the same 18-byte body reads as three IPv4 peers.
    assertThat(UdpResponseParser.parse(Golden.buffer("udp/announce-response-v6.bin"), AddressFamily.IPV4, response))
        .isEqualTo(ResponseOutcome.ANNOUNCE);
    assertThat(response.peerCount()).isEqualTo(3);
  }

  @Test
  void scrapeRequest() {
    assertThat(parser.parse(Golden.buffer("udp/scrape-request.bin"), request)).isEqualTo(ParseOutcome.SCRAPE);
    assertThat(request.connectionId()).isEqualTo(CONNECTION_ID);
    assertThat(request.scrapeHashCount()).isOne();
    assertThat(request.scrapeInfoHashA(0)).isEqualTo(0x123456789abcdef1L);
    assertThat(request.scrapeInfoHashC(0)).isEqualTo(0x3456789a);

    UdpRequestWriter.writeScrape(out, CONNECTION_ID, TXID, List.of(INFO_HASH));
    Golden.assertMatches("udp/scrape-request.bin", written());
  }

  @Test
  void scrapeResponse() {
    UdpResponseWriter.writeScrapeHeader(out, TXID);
    UdpResponseWriter.writeScrapeEntry(out, 5, 0, 3);
    Golden.assertMatches("udp/scrape-response.bin", written());

    assertThat(UdpResponseParser.parse(Golden.buffer("udp/scrape-response.bin"), AddressFamily.IPV4, response))
        .isEqualTo(ResponseOutcome.SCRAPE);
    assertThat(response.scrapeEntryCount()).isOne();
    assertThat(response.scrapeSeeders(0)).isEqualTo(5);
    assertThat(response.scrapeCompleted(0)).isZero();
    assertThat(response.scrapeLeechers(0)).isEqualTo(3);
  }

  @Test
  void errorResponse() {
    UdpResponseWriter.writeError(out, TXID, UdpErrorMessage.INVALID_INFO_HASH_LIST);
    Golden.assertMatches("udp/error-invalid-info-hash-list.bin", written());

    assertThat(UdpResponseParser.parse(Golden.buffer("udp/error-invalid-info-hash-list.bin"), AddressFamily.IPV6, response))
        .isEqualTo(ResponseOutcome.ERROR);
    assertThat(response.transactionId()).isEqualTo(TXID);
    assertThat(response.errorMessage()).isEqualTo("Invalid info hash list");
  }
}
