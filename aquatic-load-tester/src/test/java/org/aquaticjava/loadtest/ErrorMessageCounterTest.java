package org.aquaticjava.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorMessageCounterTest {
  private static void count(ErrorMessageCounter counter, String message) {
    final ByteBuf buffer = Unpooled.copiedBuffer("xx" + message, StandardCharsets.ISO_8859_1);
    counter.count(buffer, 2, message.length());
  }

  @Test
  void countsByMessageText() {
    final ErrorMessageCounter counter = new ErrorMessageCounter();
    count(counter, "Connection ID missmatch.");
    count(counter, "Info hash not allowed");
    count(counter, "Connection ID missmatch.");
    assertThat(counter.snapshot())
        .containsExactly(
            java.util.Map.entry("Connection ID missmatch.", 2L),
            java.util.Map.entry("Info hash not allowed", 1L));
  }

  @Test
  void boundsTheNumberOfDistinctMessages() {
    final ErrorMessageCounter counter = new ErrorMessageCounter();
    for (int i = 0; i < ErrorMessageCounter.MAX_DISTINCT + 5; i++) {
      count(counter, "message " + i);
    }
    assertThat(counter.snapshot())
        .hasSize(ErrorMessageCounter.MAX_DISTINCT + 1)
        .containsEntry(ErrorMessageCounter.OTHER, 5L);
  }
}
