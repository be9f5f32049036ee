package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test after which Netty reported a leaked buffer or a tracker worker died. Registered for
 * every test of this module through {@code META-INF/services} (auto-detection is enabled in {@code
 * junit-platform.properties}).
 *
 * <p>Tests that allocated no buffer since the last check skip the collection (pure parser tests).
 * A leak is reported only once the leaked buffer is collected and a later allocation polls the
 * detector, so each check runs a collection, then allocates through both allocators. A leak that
 * the collector keeps alive longer may surface one test later; it still fails the build.
 */
public final class TrackerHygieneExtension implements AfterEachCallback {
  private static final int COLLECTION_ROUNDS = 2;
  private static final int POLLING_ALLOCATIONS = 4;

  @Override
  public void afterEach(ExtensionContext context) {
    final List<String> fatal = drainFatalExits();
    assertThat(fatal).as("tracker workers that died during the test").isEmpty();
    if (!RecordingLeakDetector.trackedSinceLastCheck() && !RecordingLeakDetector.hasPending()) {
      return; // nothing allocated since the last check, nothing to collect
    }
    final List<String> leaks = collectLeaks();
    RecordingLeakDetector.trackedSinceLastCheck(); // forget the check's own polling allocations
    assertThat(leaks).as("Netty buffer leaks reported").isEmpty();
  }

  /** Forces the leak detector to look at collected buffers and returns what it reported. */
  static List<String> collectLeaks() {
    for (int round = 0; round < COLLECTION_ROUNDS; round++) {
      System.gc();
      try {
        Thread.sleep(20); // the reference handler enqueues collected references asynchronously
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pollDetector();
    }
    return RecordingLeakDetector.drain();
  }

  private static void pollDetector() {
    for (int i = 0; i < POLLING_ALLOCATIONS; i++) {
      final ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
      pooled.release();
      final ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
      unpooled.release();
    }
  }

  private static List<String> drainFatalExits() {
    final List<String> fatal = List.copyOf(TestTrackers.FATAL_EXITS);
    TestTrackers.FATAL_EXITS.clear();
    return fatal;
  }
}
