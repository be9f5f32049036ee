package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Binary strings (protocols.md §6.2) round-trip byte-exact through writer and reader. */
class BinaryStringCodecTest {
  private final WsRequestParser reader = new WsRequestParser(ReadLimits.DEFAULTS);
  private final WsRequest in = reader.newMessage();
  private final WebTorrentJsonWriter writer = new WebTorrentJsonWriter();

  private static String literal(byte[] id) {
    final ByteBuf out = Unpooled.buffer();
    JsonOutput.writeBinary(out, id, 0);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheProtocolsExampleLikeJsonStringify() {
    final byte[] id = new byte[20];
    id[1] = 0x7f;
    id[2] = (byte) 0x80;
    id[3] = (byte) 0xff;
    final ByteBuf out = Unpooled.buffer();
    JsonOutput.writeBinary(out, id, 0);
    // 22 5c 75 30 30 30 30 7f c2 80 c3 bf ... (protocols.md §6.2), then 16 more \u0000
    assertThat(ByteBufUtil.hexDump(out)).startsWith("225c75303030307fc280c3bf");
  }

  @Test
  void everyByteValueRoundTripsInEveryPosition() {
    for (int b = 0; b < 256; b++) {
      for (int position = 0; position < 20; position += 19) {
        final byte[] id = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
        id[position] = (byte) b;
        assertRoundTrip(id);
      }
    }
  }

  @Test
  void escapesExactlyLikeJsonStringify() {
    assertThat(literal(fill((byte) '"'))).isEqualTo("\"" + "\\\"".repeat(20) + "\"");
    assertThat(literal(fill((byte) '\\'))).isEqualTo("\"" + "\\\\".repeat(20) + "\"");
    assertThat(literal(fill((byte) '\n'))).isEqualTo("\"" + "\\n".repeat(20) + "\"");
    assertThat(literal(fill((byte) 0x1f))).isEqualTo("\"" + "\\u001f".repeat(20) + "\"");
    assertThat(literal(fill((byte) 0x7f))).isEqualTo("\"" + "\u007f".repeat(20) + "\"");
    assertThat(literal(fill((byte) 0xe9))).isEqualTo("\"" + "é".repeat(20) + "\"");
  }

  @Test
  void randomIdsRoundTripThroughWriterAndReader() {
    final SplittableRandom random = new SplittableRandom(20);
    final byte[] id = new byte[20];
    for (int n = 0; n < 5_000; n++) {
      random.nextBytes(id);
      assertRoundTrip(id.clone());
    }
  }

  @Test
  void refusesIdsOfOtherLengthsOrWithCharsAboveU00ff() {
    for (String bad : new String[] {"abcdefghijklmnopqrs", "abcdefghijklmnopqrstu", "abcdefghijklmnopqrs\u0100", "",
        "abcdefghijklmnopqrs€"}) {
      final byte[] json = ("{\"action\":\"scrape\",\"info_hash\":\"" + bad + "\"}").getBytes(StandardCharsets.UTF_8);
      assertThat(reader.parse(json, 0, json.length, in)).isEqualTo(WsParseOutcome.ERROR);
      assertThat(in.error()).isEqualTo(ReadError.INVALID_INFO_HASH);
      assertThat(in.action()).isEqualTo(MessageAction.SCRAPE);
    }
  }

  @Test
  void readsEscapedFormsOfHighBytesToo() {
    final byte[] json = "{\"action\":\"scrape\",\"info_hash\":\"\\u00ff\\u0080abcdefghijklmnopq\\/\"}"
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(reader.parse(json, 0, json.length, in)).isEqualTo(WsParseOutcome.SCRAPE);
    assertThat(in.scrapeHashes()[0]).isEqualTo((byte) 0xff);
    assertThat(in.scrapeHashes()[1]).isEqualTo((byte) 0x80);
    assertThat(in.scrapeHashes()[19]).isEqualTo((byte) '/');
  }

  private void assertRoundTrip(byte[] id) {
    final ByteBuf out = Unpooled.buffer();
    writer.writeAnnounceResponse(out, id, 0, 0, 0, 0, null);
    // an announce response is not a client message, but its info_hash reads the same way:
    final String json = out.toString(StandardCharsets.UTF_8).replace("\"announce\"", "\"scrape\"");
    final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(reader.parse(bytes, 0, bytes.length, in)).as(json).isEqualTo(WsParseOutcome.SCRAPE);
    assertThat(WsGoldens.id(in.scrapeHashes(), 0)).isEqualTo(id);
  }

  private static byte[] fill(byte b) {
    final byte[] id = new byte[20];
    java.util.Arrays.fill(id, b);
    return id;
  }
}
