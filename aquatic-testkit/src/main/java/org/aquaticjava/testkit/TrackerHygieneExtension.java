package org.aquaticjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test after which Netty reported a leaked buffer or a tracker worker died ({@link
 * WorkerDeaths}). Registered through this module's {@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension}, so it runs for every test of a
 * module that has this module on its test classpath and enables {@code
 * junit.jupiter.extensions.autodetection.enabled=true} in its {@code junit-platform.properties}.
 * Such a module must also set, in its surefire argLine, {@code -Dio.netty.leakDetection.level=paranoid
 * -Dio.netty.customResourceLeakDetector=org.aquaticjava.testkit.RecordingLeakDetector}; the first
 * check of a test JVM fails every test if it did not, rather than silently checking nothing.
 *
 * <p>Tests that allocated no buffer since the last check skip the collection (pure parser tests).
 * A leak is reported only once the leaked buffer is collected and a later allocation polls the
 * detector, so each check runs a collection, then allocates through both allocators. A leak that
 * the collector keeps alive longer may surface one test later; it still fails the build.
 *
 * <p>JUnit calls it from the thread running the tests; its state is static because the detector's
 * is.
 */
public final class TrackerHygieneExtension implements AfterEachCallback {
  private static final int COLLECTION_ROUNDS = 2;
  private static final int POLLING_ALLOCATIONS = 4;

  private static volatile boolean wiringVerified;

  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(WorkerDeaths.drain()).as("tracker workers that died during the test").isEmpty();
    verifyWiringOnce();
    if (!RecordingLeakDetector.trackedSinceLastCheck() && !RecordingLeakDetector.hasPending()) {
      return; // nothing allocated since the last check, nothing to collect
    }
    final List<String> leaks = collectLeaks();
    RecordingLeakDetector.trackedSinceLastCheck(); // forget the check's own polling allocations
    assertThat(leaks).as("Netty buffer leaks reported").isEmpty();
  }

  /** Forces the leak detector to look at collected buffers and returns what it reported. */
  public static List<String> collectLeaks() {
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

  /**
   * Without the system properties every check would be skipped (no buffer ever counts as
   * tracked), so the first check proves they took effect. The polling allocation initialises
   * Netty's buffer classes, which create their detectors, if no test did so yet.
   */
  private static void verifyWiringOnce() {
    if (wiringVerified) {
      return;
    }
    pollDetector();
    assertThat(ResourceLeakDetector.getLevel())
        .as("-Dio.netty.leakDetection.level=paranoid in the surefire argLine")
        .isEqualTo(ResourceLeakDetector.Level.PARANOID);
    assertThat(RecordingLeakDetector.isInstalled())
        .as("-Dio.netty.customResourceLeakDetector=%s in the surefire argLine",
            RecordingLeakDetector.class.getName())
        .isTrue();
    wiringVerified = true;
  }

  private static void pollDetector() {
    for (int i = 0; i < POLLING_ALLOCATIONS; i++) {
      final ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
      pooled.release();
      final ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
      unpooled.release();
    }
  }
}
