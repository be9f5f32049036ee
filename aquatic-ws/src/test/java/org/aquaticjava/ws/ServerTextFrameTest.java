package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames sealed in place, read back by Netty's client-side frame decoder as the oracle. */
class ServerTextFrameTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 127, 1000, 65_535, 65_536, 70_000})
  void nettysDecoderReadsTheMessageBack(int length) {
    final byte[] message = new byte[length];
    new Random(length).nextBytes(message);
    final ByteBuf out = ServerTextFrame.allocate(ByteBufAllocator.DEFAULT, 16);
    out.writeBytes(message);
    final ByteBuf frame = ServerTextFrame.seal(out);
    assertThat(frame.readableBytes())
        .isEqualTo(length + (length < 126 ? 2 : length <= 65_535 ? 4 : 10));

    final EmbeddedChannel client =
        new EmbeddedChannel(
            new WebSocket08FrameDecoder(
                WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(false)
                    .maxFramePayloadLength(1 << 20)
                    .withUTF8Validator(false)
                    .build()));
    try {
      client.writeInbound(frame);
      final TextWebSocketFrame read = client.readInbound();
      try {
        assertThat(read.isFinalFragment()).isTrue();
        assertThat(read.rsv()).isZero();
        assertThat(ByteBufUtil.getBytes(read.content())).isEqualTo(message);
      } finally {
        read.release();
      }
      assertThat(client.<Object>readInbound()).isNull();
    } finally {
      client.finishAndReleaseAll();
    }
  }

  @Test
  void aBufferWithoutHeadroomIsRefused() {
    final ByteBuf out = ByteBufAllocator.DEFAULT.buffer(8).writeLong(1);
    try {
      assertThatThrownBy(() -> ServerTextFrame.seal(out)).isInstanceOf(IllegalArgumentException.class);
    } finally {
      out.release();
    }
  }
}
