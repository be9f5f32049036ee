package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.Test;

/**
 * Hostile input never makes a reader throw: every prefix of every golden, seeded random bytes and
 * mutations, deep nesting, huge numbers, every field with every wrong type, duplicate keys.
 */
class HostileInputTest {
  private static final ReadLimits LIMITS = new ReadLimits(65_536, 16, 2, 16_384, 3);
  private final WebTorrentJsonReader reader = new WebTorrentJsonReader(LIMITS);
  private final InMessage in = reader.newMessage();
  private final TrackerMessageReader trackerReader = new TrackerMessageReader(65_536, 16_384);
  private final TrackerMessage message = new TrackerMessage(65_536, 2);
  private final SplittableRandom random = new SplittableRandom(6455);

  private InOutcome check(String json) {
    return check(json.getBytes(StandardCharsets.UTF_8));
  }

  private InOutcome check(byte[] bytes) {
    trackerReader.read(io.netty.buffer.Unpooled.wrappedBuffer(bytes), message);
    return InMessageInvariants.check(reader, in, bytes);
  }

  private static byte[][] goldens() {
    final String[] files = new String[WsGoldens.CLIENT_FILES.length + WsGoldens.TRACKER_FILES.length];
    System.arraycopy(WsGoldens.CLIENT_FILES, 0, files, 0, WsGoldens.CLIENT_FILES.length);
    System.arraycopy(WsGoldens.TRACKER_FILES, 0, files, WsGoldens.CLIENT_FILES.length, WsGoldens.TRACKER_FILES.length);
    return Arrays.stream(files).map(Golden::bytes).toArray(byte[][]::new);
  }

  @Test
  void everyTruncationOfEveryGoldenIsAnOutcome() {
    for (byte[] golden : goldens()) {
      for (int length = 0; length < golden.length; length++) {
        assertThat(check(Arrays.copyOf(golden, length))).isEqualTo(InOutcome.ERROR);
      }
    }
  }

  @Test
  void randomBytesAndMutatedGoldensAreOutcomes() {
    final byte[][] goldens = goldens();
    final EnumSet<InOutcome> seen = EnumSet.noneOf(InOutcome.class);
    for (int n = 0; n < 20_000; n++) {
      final byte[] bytes;
      if (n % 4 == 0) {
        bytes = new byte[random.nextInt(0, 300)];
        random.nextBytes(bytes);
      } else {
        bytes = goldens[random.nextInt(3)].clone(); // client messages: reach deep branches
        for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(0x20, 0x7f);
        }
      }
      seen.add(check(bytes));
    }
    assertThat(seen).containsAll(EnumSet.allOf(InOutcome.class));
  }

  @Test
  void deepNestingIsRefusedWithoutRecursion() {
    for (String open : new String[] {"[", "{\"a\":"}) {
      final String deep = "{\"action\":\"announce\",\"x\":" + open.repeat(10_000);
      assertThat(check(deep)).isEqualTo(InOutcome.ERROR);
      assertThat(in.error()).isEqualTo(ReadError.LIMIT_EXCEEDED);
      assertThat(in.action()).isEqualTo(MessageAction.ANNOUNCE);
    }
  }

  @Test
  void hugeNumbersAreOutcomes() {
    final String base = "{\"action\":\"announce\",\"info_hash\":\"abcdefghijklmnopqrst\",\"peer_id\":\"abcdefghijklmnopqrst\"";
    assertThat(check(base + ",\"left\":123456789012345678901234567890}")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(in.left()).isEqualTo(Long.MAX_VALUE);
    assertThat(check(base + ",\"left\":-123456789012345678901234567890}")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(in.left()).isEqualTo(InMessage.LEFT_UNKNOWN);
    assertThat(check(base + ",\"left\":1e999999}")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(check(base + ",\"numwant\":99999999999}")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(in.numWant()).isEqualTo(InMessage.NUM_WANT_ABSENT);
    assertThat(check(base + ",\"left\":" + "9".repeat(5_000) + "}")).isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.LIMIT_EXCEEDED);
  }

  @Test
  void everyFieldWithEveryWrongTypeIsAnOutcome() {
    final String[] fields = {"action", "info_hash", "peer_id", "event", "left", "numwant", "offers", "answer",
        "to_peer_id", "offer_id"};
    final String[] values = {"null", "true", "0", "-1.5", "\"\"", "\"x\"", "[]", "[1,[2]]", "{}", "{\"a\":{}}",
        "[{}]", "[{\"offer\":1,\"offer_id\":[]}]", "{\"sdp\":1}", "{\"sdp\":\"\"}"};
    final String base = "\"action\":\"announce\",\"info_hash\":\"abcdefghijklmnopqrst\",\"peer_id\":\"abcdefghijklmnopqrst\"";
    for (String field : fields) {
      for (String value : values) {
        for (String json : new String[] {"{\"" + field + "\":" + value + "," + base + "}",
            "{" + base + ",\"" + field + "\":" + value + "}"}) {
          check(json);
          check(json.replace("\"announce\"", "\"scrape\""));
        }
      }
    }
  }

  @Test
  void duplicateKeysTakeTheLastValidValue() {
    final String id = "\"abcdefghijklmnopqrst\"";
    assertThat(check("{\"action\":\"scrape\",\"action\":\"announce\",\"info_hash\":" + id + ",\"peer_id\":" + id
        + ",\"event\":\"started\",\"event\":\"stopped\"}")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(in.event()).isEqualTo(AnnounceEvent.STOPPED);
    assertThat(check("{\"action\":\"announce\",\"info_hash\":1,\"info_hash\":" + id + ",\"peer_id\":" + id + "}"))
        .isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.INVALID_INFO_HASH);
    assertThat(check("{\"action\":\"scrape\",\"info_hash\":[" + id + "," + id + "],\"info_hash\":" + id + "}"))
        .isEqualTo(InOutcome.SCRAPE);
    assertThat(in.scrapeHashCount()).isEqualTo(1);
  }

  @Test
  void limitsCutOffersScrapeHashesSdpsAndMessages() {
    final String id = "\"abcdefghijklmnopqrst\"";
    final String offer = "{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":" + id + "}";
    assertThat(check("{\"action\":\"announce\",\"info_hash\":" + id + ",\"peer_id\":" + id + ",\"offers\":["
        + offer + "," + offer + "," + offer + "," + "{\"junk\":[[[1]]]}" + "]}")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(in.offerCount()).isEqualTo(2);
    assertThat(in.offersIgnored()).isEqualTo(2);
    assertThat(check("{\"action\":\"scrape\",\"info_hash\":[" + (id + ",").repeat(4) + "{}]}")).isEqualTo(InOutcome.SCRAPE);
    assertThat(in.scrapeHashCount()).isEqualTo(3);
    assertThat(in.scrapeHashesIgnored()).isEqualTo(2);
    assertThat(check("{\"action\":\"announce\",\"info_hash\":" + id + ",\"peer_id\":" + id
        + ",\"answer\":{\"sdp\":\"" + "x".repeat(16_383) + "\"},\"to_peer_id\":" + id + ",\"offer_id\":" + id + "}"))
        .isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.SDP_TOO_LARGE);
    assertThat(in.infoHashKnown()).isTrue();
    assertThat(check("{\"action\":\"scrape\",\"x\":\"" + "x".repeat(65_536) + "\"}")).isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MESSAGE_TOO_LARGE);
  }

  @Test
  void utf16AndBomPrefixesAndTrailingContentAreMalformed() {
    assertThat(check("{\u0000\u0000\u0000")).isEqualTo(InOutcome.ERROR);
    assertThat(check(new byte[] {'{', 0, '}', 0})).isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MALFORMED_JSON);
    assertThat(check("\uFEFF{\"action\":\"scrape\"}")).isEqualTo(InOutcome.ERROR);
    assertThat(check("{\"action\":\"scrape\"} {}")).isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MALFORMED_JSON);
    assertThat(check("[1]")).isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.NOT_AN_OBJECT);
    final byte[] badUtf8InSdp = ("{\"action\":\"announce\",\"info_hash\":\"abcdefghijklmnopqrst\",\"peer_id\":"
        + "\"abcdefghijklmnopqrst\",\"offers\":[{\"offer\":{\"sdp\":\"a\u00e9\"},\"offer_id\":\"abcdefghijklmnopqrst\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    badUtf8InSdp[indexOf(badUtf8InSdp, (byte) 0xc3) + 1] = (byte) 0x41; // broken 2-byte sequence
    assertThat(check(badUtf8InSdp)).isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MALFORMED_JSON);
    assertThat(in.action()).isEqualTo(MessageAction.ANNOUNCE);
    assertThat(in.infoHashKnown()).isTrue();
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError();
  }
}
