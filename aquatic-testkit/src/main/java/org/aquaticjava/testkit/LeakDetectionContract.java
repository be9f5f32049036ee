package org.aquaticjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves that the leak check behind every test of a module can fail. Each module that wires
 * {@link TrackerHygieneExtension} extends it with an empty test class, so the proof runs in that
 * module's own test JVM (its argLine, its garbage collector). Not thread-safe; JUnit runs it.
 */
public abstract class LeakDetectionContract {
  @Test
  void aLeakedBufferIsReported() {
    leakOneBuffer();
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    assertThat(RecordingLeakDetector.isInstalled())
        .as("surefire argLine sets io.netty.customResourceLeakDetector")
        .isTrue();

    final List<String> reported = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              reported.addAll(TrackerHygieneExtension.collectLeaks());
              return !reported.isEmpty();
            });
    // drained here, so the extension's own check after this test passes
    assertThat(reported).anySatisfy(leak -> assertThat(leak).contains("leakOneBuffer"));
  }

  @Test
  void anAllocationMarksTheNextCheckAsNeeded() {
    RecordingLeakDetector.trackedSinceLastCheck();
    assertThat(RecordingLeakDetector.trackedSinceLastCheck()).isFalse();

    final ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(8);
    buffer.release();

    assertThat(RecordingLeakDetector.trackedSinceLastCheck()).isTrue();
  }

  private static void leakOneBuffer() {
    final ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(32);
    leaked.writeLong(42); // recorded access: the report then names this method
  }
}
