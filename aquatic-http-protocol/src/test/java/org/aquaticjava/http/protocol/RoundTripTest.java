package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Seeded round trips: client-written targets through the parser, writer output through the
 * bencode reader. A fixed seed keeps every run identical.
 */
class RoundTripTest {
  private static final int ROUNDS = 5_000;
  private static final HttpAnnounceEvent[] EVENTS = HttpAnnounceEvent.values();

  private final SplittableRandom random = new SplittableRandom(2024);
  private final HttpQueryParser parser = new HttpQueryParser();
  private final HttpQuery query = new HttpQuery(8);
  private final BencodeReader reader = new BencodeReader();

  private byte[] randomBytes(int length) {
    final byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private HttpAnnounceRequest randomAnnounce() {
    return new HttpAnnounceRequest(
        "/announce",
        randomBytes(20),
        randomBytes(20),
        random.nextInt(1, 0x10000),
        randomLong(),
        randomLong(),
        randomLong(),
        EVENTS[random.nextInt(EVENTS.length)],
        random.nextBoolean() ? -1 : random.nextInt(0, Integer.MAX_VALUE),
        random.nextBoolean(),
        random.nextBoolean(),
        random.nextBoolean() ? null : randomBytes(random.nextInt(0, AnnounceQuery.KEY_CAPACITY + 1)));
  }

  private long randomLong() {
    final long value = random.nextBoolean() ? random.nextLong(0, 1L << 40) : random.nextLong();
    return value == Long.MIN_VALUE ? 0 : value;
  }

  @Test
  void clientWrittenAnnouncesParseBackToTheSameValues() {
    for (int n = 0; n < ROUNDS; n++) {
      final HttpAnnounceRequest request = randomAnnounce();
      final String target = HttpAnnounceRequestWriter.announceTarget(request);
      assertThat(parser.parse(target, query)).as(target).isEqualTo(HttpParseOutcome.ANNOUNCE);
      assertMatches(request, query.announce());

      final ByteBuf bytes = Unpooled.copiedBuffer(target, StandardCharsets.US_ASCII);
      assertThat(parser.parse(bytes, query)).isEqualTo(HttpParseOutcome.ANNOUNCE);
      assertMatches(request, query.announce());
    }
  }

  /** Other clients leave more bytes raw and write lower-case hex: the decoded values are the same. */
  @Test
  void looselyEncodedAnnouncesParseBackToTheSameValues() {
    for (int n = 0; n < ROUNDS; n++) {
      final HttpAnnounceRequest request = randomAnnounce();
      final StringBuilder target = new StringBuilder("/announce?port=").append(request.port());
      target.append("&info_hash=");
      looseEncode(target, request.infoHash());
      target.append("&left=").append(request.left()).append("&peer_id=");
      looseEncode(target, request.peerId());
      target.append("&uploaded=").append(request.uploaded()).append("&downloaded=").append(request.downloaded());
      assertThat(parser.parse(target, query)).as(target::toString).isEqualTo(HttpParseOutcome.ANNOUNCE);
      final AnnounceQuery a = query.announce();
      assertThat(packed(a.infoHashA(), a.infoHashB(), a.infoHashC())).isEqualTo(request.infoHash());
      assertThat(a.peerId()).isEqualTo(request.peerId());
      assertThat(a.left()).isEqualTo(request.left());
    }
  }

  private void looseEncode(StringBuilder out, byte[] bytes) {
    for (byte b : bytes) {
      final int value = b & 0xFF;
      final boolean mustEscape = value == '%' || value == '&' || value == '#';
      if (!mustEscape && random.nextBoolean()) {
        out.append((char) value); // Latin-1: one char per byte, + and = included
      } else {
        out.append('%').append(String.format(random.nextBoolean() ? "%02x" : "%02X", value));
      }
    }
  }

  private static void assertMatches(HttpAnnounceRequest request, AnnounceQuery a) {
    assertThat(packed(a.infoHashA(), a.infoHashB(), a.infoHashC())).isEqualTo(request.infoHash());
    assertThat(a.peerId()).isEqualTo(request.peerId());
    assertThat(a.port()).isEqualTo(request.port());
    assertThat(a.uploaded()).isEqualTo(request.uploaded());
    assertThat(a.downloaded()).isEqualTo(request.downloaded());
    assertThat(a.left()).isEqualTo(request.left());
    assertThat(a.event()).isEqualTo(request.event());
    assertThat(a.unknownEvent()).isFalse();
    assertThat(a.numWant()).isEqualTo(Math.max(request.numWant(), 0));
    assertThat(a.compact()).isEqualTo(request.compact());
    assertThat(a.noPeerId()).isEqualTo(request.noPeerId());
    final byte[] key = request.key() == null ? new byte[0] : request.key();
    assertThat(Arrays.copyOf(a.key(), a.keyLength())).isEqualTo(key);
  }

  @Test
  void clientWrittenScrapesParseBackSortedAndDistinct() {
    for (int n = 0; n < ROUNDS / 5; n++) {
      final List<byte[]> hashes = new ArrayList<>();
      for (int i = random.nextInt(1, 8); i > 0; i--) {
        hashes.add(!hashes.isEmpty() && random.nextInt(4) == 0 ? hashes.get(0) : randomBytes(20));
      }
      final ByteBuf target = Unpooled.buffer();
      HttpAnnounceRequestWriter.writeScrapeTarget(target, "/scrape", hashes);
      assertThat(parser.parse(target, query)).isEqualTo(HttpParseOutcome.SCRAPE);
      final ScrapeQuery scrape = query.scrape();
      final List<byte[]> expected =
          hashes.stream()
              .sorted(Arrays::compareUnsigned)
              .map(HashKey::new)
              .distinct()
              .map(HashKey::bytes)
              .toList();
      assertThat(scrape.hashesPresent()).isEqualTo(hashes.size());
      assertThat(scrape.hashCount()).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(packed(scrape.infoHashA(i), scrape.infoHashB(i), scrape.infoHashC(i))).isEqualTo(expected.get(i));
      }
    }
  }

  /** Value equality for byte arrays in streams. */
  private record HashKey(byte[] bytes) {
    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof HashKey b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  @Test
  void compactAnnouncesReadBack() throws BencodeException {
    for (int n = 0; n < ROUNDS / 5; n++) {
      final int seeders = random.nextInt(0, Integer.MAX_VALUE);
      final int leechers = random.nextInt(0, 1000);
      final byte[] v4 = randomBytes(6 * random.nextInt(0, 60));
      final byte[] v6 = randomBytes(18 * random.nextInt(0, 20));
      final ByteBuf peers4 = Unpooled.wrappedBuffer(v4);
      final ByteBuf peers6 = Unpooled.wrappedBuffer(v6);
      final ByteBuf out = Unpooled.buffer();
      AnnounceResponseWriter.writeCompactHeader(out, seeders, leechers, 120, 60);
      AnnounceResponseWriter.startIpv4Peers(out, v4.length / 6);
      while (peers4.isReadable()) {
        AnnounceResponseWriter.writeIpv4Peer(out, peers4.readInt(), peers4.readUnsignedShort());
      }
      AnnounceResponseWriter.startIpv6Peers(out, v6.length / 18);
      while (peers6.isReadable()) {
        AnnounceResponseWriter.writeIpv6Peer(out, peers6.readLong(), peers6.readLong(), peers6.readUnsignedShort());
      }
      final boolean warn = random.nextBoolean();
      if (warn) {
        AnnounceResponseWriter.endCompact(out, randomBytes(random.nextInt(0, 50)));
      } else {
        AnnounceResponseWriter.endCompact(out);
      }
      assertThat(out.readableBytes()).isLessThanOrEqualTo(AnnounceResponseWriter.compactMaxLength(v4.length / 6, v6.length / 18, 50));
      final BencodeValue.Dict dict = (BencodeValue.Dict) reader.read(out);
      assertThat(dict.integer("complete")).isEqualTo(seeders);
      assertThat(dict.integer("incomplete")).isEqualTo(leechers);
      assertThat(dict.integer("interval")).isEqualTo(120);
      assertThat(dict.integer("min interval")).isEqualTo(60);
      assertThat(dict.bytes("peers")).isEqualTo(v4);
      assertThat(dict.bytes("peers6")).isEqualTo(v6);
      assertThat(dict.entries().containsKey("warning message")).isEqualTo(warn);
    }
  }

  @Test
  void dictionaryAnnouncesReadBackWithCanonicalIpText() throws BencodeException {
    for (int n = 0; n < ROUNDS / 5; n++) {
      final boolean withIds = random.nextBoolean();
      final int count = random.nextInt(0, 12);
      final List<byte[]> addresses = new ArrayList<>();
      final List<byte[]> ids = new ArrayList<>();
      final int[] ports = new int[count];
      final ByteBuf out = Unpooled.buffer();
      AnnounceResponseWriter.writeDictionaryHeader(out, 3, 4, 1800, 900);
      for (int i = 0; i < count; i++) {
        final byte[] address = randomAddress();
        final byte[] id = randomBytes(20);
        ports[i] = random.nextInt(0, 0x10000);
        final ByteBuf a = Unpooled.wrappedBuffer(address);
        if (address.length == 4 && withIds) {
          AnnounceResponseWriter.writeIpv4PeerDictionary(out, a.readInt(), ports[i], id, 0);
        } else if (address.length == 4) {
          AnnounceResponseWriter.writeIpv4PeerDictionary(out, a.readInt(), ports[i]);
        } else if (withIds) {
          AnnounceResponseWriter.writeIpv6PeerDictionary(out, a.readLong(), a.readLong(), ports[i], id, 0);
        } else {
          AnnounceResponseWriter.writeIpv6PeerDictionary(out, a.readLong(), a.readLong(), ports[i]);
        }
        addresses.add(address);
        ids.add(id);
      }
      AnnounceResponseWriter.endDictionary(out);
      final List<BencodeValue> peers = ((BencodeValue.Dict) reader.read(out)).list("peers");
      assertThat(peers).hasSize(count);
      for (int i = 0; i < count; i++) {
        final BencodeValue.Dict peer = (BencodeValue.Dict) peers.get(i);
        assertThat(new String(peer.bytes("ip"), StandardCharsets.US_ASCII))
            .isEqualTo(NetUtil.bytesToIpAddress(addresses.get(i)));
        assertThat(peer.integer("port")).isEqualTo(ports[i]);
        if (withIds) {
          assertThat(peer.bytes("peer id")).isEqualTo(ids.get(i));
        } else {
          assertThat(peer.get("peer id")).isNull();
        }
      }
    }
  }

  /** IPv4, or IPv6 with zero groups often enough to exercise every "::" placement. */
  private byte[] randomAddress() {
    if (random.nextInt(3) == 0) {
      return randomBytes(4);
    }
    final byte[] address = randomBytes(16);
    for (int group = 0; group < 8; group++) {
      if (random.nextInt(3) == 0) {
        address[2 * group] = 0;
        address[2 * group + 1] = 0;
      } else if (random.nextInt(4) == 0) {
        address[2 * group] = 0; // short groups: no leading zeros in the text
      }
    }
    return address;
  }

  @Test
  void scrapesReadBack() throws BencodeException {
    for (int n = 0; n < ROUNDS / 5; n++) {
      final TreeMap<String, int[]> files = new TreeMap<>();
      for (int i = random.nextInt(0, 10); i > 0; i--) {
        files.put(new String(randomBytes(20), StandardCharsets.ISO_8859_1), new int[] {random.nextInt(), random.nextInt(), random.nextInt()});
      }
      final ByteBuf out = Unpooled.buffer();
      ScrapeResponseWriter.writeHeader(out);
      for (Map.Entry<String, int[]> file : files.entrySet()) {
        final ByteBuf hash = Unpooled.wrappedBuffer(file.getKey().getBytes(StandardCharsets.ISO_8859_1));
        final int[] v = file.getValue();
        ScrapeResponseWriter.writeEntry(out, hash.readLong(), hash.readLong(), hash.readInt(), v[0], v[1], v[2]);
      }
      ScrapeResponseWriter.end(out);
      assertThat(out.readableBytes()).isLessThanOrEqualTo(ScrapeResponseWriter.maxLength(files.size()));
      final BencodeValue.Dict read = ((BencodeValue.Dict) reader.read(out)).dict("files");
      assertThat(read.entries().keySet()).containsExactlyElementsOf(files.keySet());
      for (Map.Entry<String, int[]> file : files.entrySet()) {
        final BencodeValue.Dict entry = read.dict(file.getKey());
        assertThat(entry.integer("complete")).isEqualTo(file.getValue()[0]);
        assertThat(entry.integer("downloaded")).isEqualTo(file.getValue()[1]);
        assertThat(entry.integer("incomplete")).isEqualTo(file.getValue()[2]);
      }
    }
  }

  @Test
  void failuresReadBack() throws BencodeException {
    for (FailureReason reason : FailureReason.values()) {
      final ByteBuf out = Unpooled.buffer();
      FailureResponseWriter.write(out, reason, random.nextBoolean() ? 300 : FailureResponseWriter.OMIT, 5);
      final BencodeValue.Dict dict = (BencodeValue.Dict) reader.read(out);
      assertThat(new String(dict.bytes("failure reason"), StandardCharsets.US_ASCII)).isEqualTo(reason.text());
      assertThat(dict.integer("retry in")).isEqualTo(5);
    }
  }

  @Test
  void decimalsMatchTheJdk() throws BencodeException {
    final long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    final List<Long> values = new ArrayList<>();
    for (long edge : edges) {
      values.add(edge);
    }
    for (int n = 0; n < ROUNDS; n++) {
      values.add(random.nextLong() >> random.nextInt(64));
    }
    for (long value : values) {
      final ByteBuf out = Unpooled.buffer(1);
      Bencode.writeDecimal(out, value);
      assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
      assertThat(Bencode.decimalLength(value)).isEqualTo(Long.toString(value).length());
      out.clear();
      Bencode.writeInteger(out, value);
      assertThat(reader.read(ByteBufUtil.getBytes(out))).isEqualTo(new BencodeValue.Int(value));
    }
  }

  private static byte[] packed(long a, long b, int c) {
    return Unpooled.buffer(20).writeLong(a).writeLong(b).writeInt(c).array();
  }
}
