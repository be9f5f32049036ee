package org.aquaticjava.ws.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of both readers with Jazzer. The module's surefire configuration sets
 * {@code JAZZER_FUZZ=1}, so every {@code verify} fuzzes for a bounded time; the corpus and any crash
 * files go under {@code target/}. Without that variable the test only replays its seed inputs.
 * A finding is any exception (StackOverflowError included) or a broken {@link InMessageInvariants}
 * assertion.
 */
class WebTorrentJsonReaderFuzzTest {
  private final WebTorrentJsonReader reader = new WebTorrentJsonReader(new ReadLimits(4096, 8, 2, 512, 3));
  private final InMessage in = reader.newMessage();
  private final TrackerMessageReader trackerReader = new TrackerMessageReader(4096, 512);
  private final TrackerMessage message = new TrackerMessage(4096, 2);

  @FuzzTest(maxDuration = "10s")
  void readersHoldTheirInvariantsOnAnyBytes(byte[] bytes) {
    InMessageInvariants.check(reader, in, bytes);
    trackerReader.read(io.netty.buffer.Unpooled.wrappedBuffer(bytes), message);
  }
}
