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
 * outcome), a broken {@link InMessageInvariants} assertion, a read beyond the message, or, for
 * strict UTF-8 input, any difference from the jackson-core readers they replaced.
 */
class WebTorrentJsonReaderFuzzTest {
  private static final ReadLimits LIMITS = new ReadLimits(4096, 8, 2, 512, 3);
  private final WebTorrentJsonReader reader = new WebTorrentJsonReader(LIMITS);
  private final InMessage in = reader.newMessage();
  private final InMessage other = reader.newMessage();
  private final JacksonReferenceReader oracle = new JacksonReferenceReader(LIMITS);
  private final InMessage expected = reader.newMessage();
  private final TrackerMessageReader trackerReader = new TrackerMessageReader(4096, 512);
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
    InMessageInvariants.check(reader, in, bytes);
    Arrays.fill(in.message, (byte) '"');
    Arrays.fill(other.message, (byte) '}');
    reader.read(bytes, 0, bytes.length, in);
    reader.read(bytes, 0, bytes.length, other);
    assertThat(Summaries.of(other)).isEqualTo(Summaries.of(in));
    Arrays.fill(message.message, (byte) '"');
    trackerReader.read(Unpooled.wrappedBuffer(bytes), message);
    if (Summaries.strictUtf8(bytes)) {
      oracle.read(bytes, 0, bytes.length, expected);
      assertThat(Summaries.of(in)).isEqualTo(Summaries.of(expected));
      trackerOracle.read(Unpooled.wrappedBuffer(bytes), expectedMessage);
      assertThat(Summaries.of(message)).isEqualTo(Summaries.of(expectedMessage));
    } else {
      assertThat(in.outcome()).isEqualTo(InOutcome.ERROR);
    }
  }
}
