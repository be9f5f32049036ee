package org.aquaticjava.udp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Client writer to server parser, and server writer to client parser, on seeded random values. */
class RoundTripTest {
  private static final int CASES = 2_000;
  private final SplittableRandom random = new SplittableRandom(0x5eed_15L);
  private final UdpRequestParser parser = new UdpRequestParser(74);
  private final UdpRequest request = new UdpRequest();
  private final UdpResponse response = new UdpResponse();

  private byte[] randomBytes(int length) {
    final byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void announcesSurviveWriterToParser() {
    for (int n = 0; n < CASES; n++) {
      final UdpAnnounceRequest sent =
          new UdpAnnounceRequest(
              randomBytes(20),
              randomBytes(20),
              random.nextLong(),
              random.nextLong(),
              random.nextLong(),
              random.nextInt(-2, 6),
              random.nextInt(),
              random.nextInt(),
              random.nextInt(),
              random.nextInt(1, 65536),
              random.nextBoolean() ? null : randomBytes(random.nextInt(0, 600)));
      final long connectionId = random.nextLong();
      final int txid = random.nextInt();
      final ByteBuf datagram = Unpooled.buffer();
      UdpRequestWriter.writeAnnounce(datagram, connectionId, txid, sent);

      assertThat(parser.parse(datagram, request)).isEqualTo(UdpParseOutcome.ANNOUNCE);
      assertThat(request.connectionId()).isEqualTo(connectionId);
      assertThat(request.transactionId()).isEqualTo(txid);
      final ByteBuffer infoHash = ByteBuffer.wrap(sent.infoHash());
      assertThat(request.infoHashA()).isEqualTo(infoHash.getLong(0));
      assertThat(request.infoHashB()).isEqualTo(infoHash.getLong(8));
      assertThat(request.infoHashC()).isEqualTo(infoHash.getInt(16));
      assertThat(request.peerId()).isEqualTo(sent.peerId());
      assertThat(request.downloaded()).isEqualTo(sent.downloaded());
      assertThat(request.left()).isEqualTo(sent.left());
      assertThat(request.uploaded()).isEqualTo(sent.uploaded());
      assertThat(request.event()).isEqualTo(UdpAnnounceEvent.fromWireValue(sent.event()));
      assertThat(request.ipAddress()).isEqualTo(sent.ipAddress());
      assertThat(request.key()).isEqualTo(sent.key());
      assertThat(request.numWant()).isEqualTo(sent.numWant());
      assertThat(request.port()).isEqualTo(sent.port());
      final byte[] urlData = sent.urlData();
      assertThat(request.urlDataPresent()).isEqualTo(urlData != null);
      assertThat(request.urlDataTruncated()).isFalse();
      assertThat(java.util.Arrays.copyOf(request.urlData(), request.urlDataLength()))
          .isEqualTo(urlData == null ? new byte[0] : urlData);
    }
  }

  @Test
  void scrapesSurviveWriterToParser() {
    for (int n = 0; n < CASES; n++) {
      final List<byte[]> hashes = new ArrayList<>();
      final int count = random.nextInt(1, 100);
      for (int i = 0; i < count; i++) {
        hashes.add(randomBytes(20));
      }
      final ByteBuf datagram = Unpooled.buffer();
      UdpRequestWriter.writeScrape(datagram, 42, n, hashes);

      assertThat(parser.parse(datagram, request)).isEqualTo(UdpParseOutcome.SCRAPE);
      assertThat(request.transactionId()).isEqualTo(n);
      assertThat(request.scrapeHashCount()).isEqualTo(Math.min(count, 74));
      assertThat(request.scrapeHashesTruncated()).isEqualTo(Math.max(0, count - 74));
      for (int i = 0; i < request.scrapeHashCount(); i++) {
        final ByteBuffer hash = ByteBuffer.wrap(hashes.get(i));
        assertThat(request.scrapeInfoHashA(i)).isEqualTo(hash.getLong(0));
        assertThat(request.scrapeInfoHashB(i)).isEqualTo(hash.getLong(8));
        assertThat(request.scrapeInfoHashC(i)).isEqualTo(hash.getInt(16));
      }
    }
  }

  @Test
  void connectResponsesSurviveWriterToParser() {
    for (int n = 0; n < CASES; n++) {
      final int txid = random.nextInt();
      final long connectionId = random.nextLong();
      final ByteBuf datagram = Unpooled.buffer();
      UdpResponseWriter.writeConnect(datagram, txid, connectionId);
      assertThat(UdpResponseParser.parse(datagram, AddressFamily.IPV4, response))
          .isEqualTo(UdpResponseOutcome.CONNECT);
      assertThat(response.transactionId()).isEqualTo(txid);
      assertThat(response.connectionId()).isEqualTo(connectionId);
    }
  }

  @Test
  void announceResponsesSurviveWriterToParserInBothFamilies() {
    for (int n = 0; n < CASES; n++) {
      final AddressFamily family = random.nextBoolean() ? AddressFamily.IPV4 : AddressFamily.IPV6;
      final int peers = random.nextInt(0, 70);
      final long[] addresses = new long[peers * 2];
      final int[] ports = new int[peers];
      final ByteBuf datagram = Unpooled.buffer();
      final int interval = random.nextInt();
      final int leechers = random.nextInt();
      final int seeders = random.nextInt();
      UdpResponseWriter.writeAnnounceHeader(datagram, n, interval, leechers, seeders);
      for (int i = 0; i < peers; i++) {
        addresses[2 * i] = random.nextLong();
        addresses[2 * i + 1] = random.nextLong();
        ports[i] = random.nextInt(0, 65536);
        if (family == AddressFamily.IPV4) {
          UdpResponseWriter.writeIpv4Peer(datagram, (int) addresses[2 * i], ports[i]);
        } else {
          UdpResponseWriter.writeIpv6Peer(datagram, addresses[2 * i], addresses[2 * i + 1], ports[i]);
        }
      }
      assertThat(datagram.readableBytes()).isEqualTo(UdpProtocol.announceResponseLength(family, peers));

      assertThat(UdpResponseParser.parse(datagram, family, response)).isEqualTo(UdpResponseOutcome.ANNOUNCE);
      assertThat(response.transactionId()).isEqualTo(n);
      assertThat(response.interval()).isEqualTo(interval);
      assertThat(response.leechers()).isEqualTo(leechers);
      assertThat(response.seeders()).isEqualTo(seeders);
      assertThat(response.peerCount()).isEqualTo(peers);
      for (int i = 0; i < peers; i++) {
        if (family == AddressFamily.IPV4) {
          assertThat(response.peerIpv4(i)).isEqualTo((int) addresses[2 * i]);
        } else {
          assertThat(response.peerIpv6High(i)).isEqualTo(addresses[2 * i]);
          assertThat(response.peerIpv6Low(i)).isEqualTo(addresses[2 * i + 1]);
        }
        assertThat(response.peerPort(i)).isEqualTo(ports[i]);
      }
    }
  }

  @Test
  void scrapeAndErrorResponsesSurviveWriterToParser() {
    for (int n = 0; n < CASES; n++) {
      final int entries = random.nextInt(0, 80);
      final int[] values = random.ints(entries * 3L).toArray();
      final ByteBuf datagram = Unpooled.buffer();
      UdpResponseWriter.writeScrapeHeader(datagram, n);
      for (int i = 0; i < entries; i++) {
        UdpResponseWriter.writeScrapeEntry(datagram, values[3 * i], values[3 * i + 1], values[3 * i + 2]);
      }
      assertThat(datagram.readableBytes()).isEqualTo(UdpProtocol.scrapeResponseLength(entries));
      assertThat(UdpResponseParser.parse(datagram, AddressFamily.IPV6, response)).isEqualTo(UdpResponseOutcome.SCRAPE);
      assertThat(response.scrapeEntryCount()).isEqualTo(entries);
      for (int i = 0; i < entries; i++) {
        assertThat(response.scrapeSeeders(i)).isEqualTo(values[3 * i]);
        assertThat(response.scrapeCompleted(i)).isEqualTo(values[3 * i + 1]);
        assertThat(response.scrapeLeechers(i)).isEqualTo(values[3 * i + 2]);
      }
    }
    for (UdpErrorMessage message : UdpErrorMessage.values()) {
      final ByteBuf datagram = Unpooled.buffer();
      UdpResponseWriter.writeError(datagram, 7, message);
      assertThat(datagram.readableBytes()).isEqualTo(8 + message.length());
      assertThat(UdpResponseParser.parse(datagram, AddressFamily.IPV4, response)).isEqualTo(UdpResponseOutcome.ERROR);
      assertThat(response.transactionId()).isEqualTo(7);
      assertThat(response.errorMessage()).isEqualTo(message.text());
    }
  }
}
