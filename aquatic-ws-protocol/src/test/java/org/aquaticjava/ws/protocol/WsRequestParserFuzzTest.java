package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of both readers with Jazzer. The module's surefire configuration sets
 * {@code JAZZER_FUZZ=1}, so every {@code verify} fuzzes for a bounded time; the corpus and any crash
 * files go under {@code target/}. Without that variable the test only replays its seed inputs.
 * A finding is any exception (StackOverflowError included; the readers' only way to refuse is an
 * outcome), a broken {@link WsRequestInvariants} assertion, a read beyond the message, or, for
 * strict UTF-8 input, any difference from the jackson-core readers they replaced.
 */
class WsRequestParserFuzzTest {
  private static final ReadLimits LIMITS = new ReadLimits(4096, 8, 2, 512, 3);
  private final WsRequestParser reader = new WsRequestParser(LIMITS);
  private final WsRequest in = reader.newMessage();
  private final WsRequest other = reader.newMessage();
  private final JacksonReferenceReader oracle = new JacksonReferenceReader(LIMITS);
  private final WsRequest expected = reader.newMessage();
  private final TrackerMessageParser trackerReader = new TrackerMessageParser(4096, 512);
  private final TrackerMessage message = new TrackerMessage(4096, 2);
  private final JacksonReferenceTrackerReader trackerOracle = new JacksonReferenceTrackerReader(4096, 512);
  private final TrackerMessage expectedMessage = new TrackerMessage(4096, 2);

  /**
   * One target (Jazzer fuzzes one per run). Beyond the message, the slot's copy sits in a larger
   * array: filled there with bytes that would change any reading (a quote, then a brace), two
   * reads of the same bytes must agree.
   */
  @FuzzTest(maxDuration = "10s")
  void readersHoldTheirInvariantsAgreeWithJacksonAndReadNothingBeyondTheMessage(byte[] bytes) {
    WsRequestInvariants.check(reader, in, bytes);
    Arrays.fill(in.message, (byte) '"');
    Arrays.fill(other.message, (byte) '}');
    reader.parse(bytes, 0, bytes.length, in);
    reader.parse(bytes, 0, bytes.length, other);
    assertThat(Summaries.of(other)).isEqualTo(Summaries.of(in));
    Arrays.fill(message.message, (byte) '"');
    trackerReader.parse(Unpooled.wrappedBuffer(bytes), message);
    if (Summaries.strictUtf8(bytes)) {
      oracle.parse(bytes, 0, bytes.length, expected);
      assertThat(Summaries.of(in)).isEqualTo(Summaries.of(expected));
      trackerOracle.parse(Unpooled.wrappedBuffer(bytes), expectedMessage);
      assertThat(Summaries.of(message)).isEqualTo(Summaries.of(expectedMessage));
    } else {
      assertThat(in.outcome()).isEqualTo(WsParseOutcome.ERROR);
    }
  }
}
