package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test after which Netty reported a leaked buffer or a tracker worker died. Registered for
 * every test of this module through {@code META-INF/services}. A leak is reported once the buffer
 * is collected and a later allocation polls the detector, so each check collects, then allocates.
 */
public final class WsHygieneExtension implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    final List<String> fatal = List.copyOf(TestTrackers.FATAL_EXITS);
    TestTrackers.FATAL_EXITS.clear();
    assertThat(fatal).as("tracker workers that died during the test").isEmpty();
    for (int round = 0; round < 2; round++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      for (int i = 0; i < 4; i++) {
        final ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        pooled.release();
        final ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
        unpooled.release();
      }
    }
    assertThat(RecordingLeakDetector.drain()).as("Netty buffer leaks reported").isEmpty();
  }
}
