package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests: both readers agree with the jackson-core readers they replaced ({@link
 * JacksonReferenceReader}, {@link JacksonReferenceTrackerReader}) on seeded random messages
 * ({@link RandomMessages}), valid and broken, field by field: outcome, error, what an error keeps
 * (action, info hash), every value of an announce or scrape, SDP ranges.
 *
 * <p>The one intended difference: raw UTF-8 jackson lets through (overlong forms, sequences above
 * U+10FFFF) is refused. So where the input is not strict UTF-8 the new readers must refuse it, and
 * the two are compared only where it is.
 */
class JacksonOracleTest {
  private static final int MESSAGES = 30_000;
  private static final ReadLimits LIMITS = new ReadLimits(8192, 8, 3, 700, 4);

  private final WsRequestParser reader = new WsRequestParser(LIMITS);
  private final JacksonReferenceReader oracle = new JacksonReferenceReader(LIMITS);
  private final WsRequest read = reader.newMessage();
  private final WsRequest expected = reader.newMessage();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void clientMessagesReadAsJacksonReadThem(long seed) {
    final RandomMessages messages = new RandomMessages(seed);
    final Map<WsParseOutcome, Integer> outcomes = new EnumMap<>(WsParseOutcome.class);
    final EnumSet<ReadError> errors = EnumSet.noneOf(ReadError.class);
    for (int n = 0; n < MESSAGES; n++) {
      final byte[] bytes = messages.mutate(messages.clientMessage());
      final WsParseOutcome outcome = reader.parse(bytes, 0, bytes.length, read);
      outcomes.merge(outcome, 1, Integer::sum);
      if (read.error() != null) {
        errors.add(read.error());
      }
      if (!Summaries.strictUtf8(bytes)) {
        assertThat(outcome).as("not UTF-8: %s", show(bytes)).isEqualTo(WsParseOutcome.ERROR);
        continue;
      }
      oracle.parse(bytes, 0, bytes.length, expected);
      assertThat(Summaries.of(read)).as(show(bytes)).isEqualTo(Summaries.of(expected));
    }
    // The generator reaches every outcome, and the errors that matter, in numbers.
    assertThat(outcomes.values()).allSatisfy(count -> assertThat(count).isGreaterThan(MESSAGES / 20));
    assertThat(outcomes).containsOnlyKeys(WsParseOutcome.values());
    assertThat(errors).contains(ReadError.MALFORMED_JSON, ReadError.LIMIT_EXCEEDED,
        ReadError.INVALID_INFO_HASH, ReadError.INVALID_PEER_ID, ReadError.INVALID_ANSWER,
        ReadError.MISSING_ACTION, ReadError.UNKNOWN_ACTION, ReadError.SDP_TOO_LARGE,
        ReadError.INCOMPLETE_ANSWER, ReadError.NOT_AN_OBJECT, ReadError.MISSING_INFO_HASH,
        ReadError.MISSING_PEER_ID, ReadError.INVALID_OFFER_ID, ReadError.INVALID_TO_PEER_ID);
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void trackerMessagesReadAsJacksonReadThem(long seed) {
    final RandomMessages messages = new RandomMessages(seed);
    final TrackerMessageParser clientReader = new TrackerMessageParser(8192, 700);
    final JacksonReferenceTrackerReader clientOracle = new JacksonReferenceTrackerReader(8192, 700);
    final TrackerMessage got = new TrackerMessage(8192, 3);
    final TrackerMessage want = new TrackerMessage(8192, 3);
    final EnumSet<TrackerMessageKind> kinds = EnumSet.noneOf(TrackerMessageKind.class);
    for (int n = 0; n < MESSAGES; n++) {
      final byte[] bytes = messages.mutate(messages.trackerMessage());
      final TrackerMessageKind kind = clientReader.parse(Unpooled.wrappedBuffer(bytes), got);
      kinds.add(kind);
      if (!Summaries.strictUtf8(bytes)) {
        assertThat(kind).as(show(bytes)).isEqualTo(TrackerMessageKind.INVALID);
        continue;
      }
      clientOracle.parse(Unpooled.wrappedBuffer(bytes), want);
      assertThat(Summaries.of(got)).as(show(bytes)).isEqualTo(Summaries.of(want));
    }
    assertThat(kinds).containsAll(EnumSet.allOf(TrackerMessageKind.class));
  }

  private static String show(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8) + " / " + HexFormat.of().formatHex(bytes);
  }

}
