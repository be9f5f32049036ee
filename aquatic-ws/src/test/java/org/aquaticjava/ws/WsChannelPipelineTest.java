package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.netty.ConnectionGate;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.TomlConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection pipeline of {@link WsChannelInitializer} (upgrade check, WebSocket codec, UTF-8
 * check, {@link WsConnectionHandler}) without sockets: bytes in through an {@link
 * EmbeddedChannel}, the tracker's bytes out, outcomes counted in the worker's metrics.
 */
class WsChannelPipelineTest {
  private static final String UPGRADE =
      "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  private static final int TEXT = 0x1;

  private final TrackerMetrics registry = new TrackerMetrics();
  private final WsConfig config =
      TomlConfigs.over(WsConfig.DEFAULTS, "[limits]\nmax_frame_size = 1024\n");
  private final EmbeddedChannel channel =
      new EmbeddedChannel() {
        @Override
        protected SocketAddress remoteAddress0() {
          return new InetSocketAddress("192.0.2.1", 50_000);
        }
      };

  WsChannelPipelineTest() throws Exception {
    final WsSwarmStore store = new WsSwarmStore(new WsSwarmStore.Settings(1, 180, 120, 4), 42);
    final WsMetrics metrics = new WsMetrics(registry, store.totals());
    final SocketWorker worker =
        new SocketWorker(
            0, 1, channel.eventLoop(), config, ServerClock.startingNow(), store,
            AccessListHolder.load(config.accessList()), metrics, new Stopping(),
            new OverloadMetrics(new TrackerMetrics(), "ws")
                .worker(0, OverloadConfig.DEFAULTS, 120, 180, 0));
    channel
        .pipeline()
        .addLast(
            new WsChannelInitializer(
                config, Map.of(channel.eventLoop(), worker), new ConnectionGate(10), metrics, null));
  }

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void upgradesAndAnswersAnAnnounce() {
    assertThat(send(UPGRADE.getBytes(StandardCharsets.US_ASCII)))
        .startsWith("HTTP/1.1 101 Switching Protocols");

    final String announce = Messages.announce(Messages.infoHash(1), Messages.peer(1), 0);
    final byte[] reply = sendFrame(announce.getBytes(StandardCharsets.UTF_8));

    assertThat(reply[0] & 0xff).isEqualTo(0x80 | TEXT); // one unmasked final text frame
    assertThat(payload(reply)).contains("\"action\":\"announce\"", "\"complete\":1,\"incomplete\":0");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void closesOnInvalidUtf8With1007AndCountsIt() {
    send(UPGRADE.getBytes(StandardCharsets.US_ASCII));

    final byte[] reply = sendFrame(new byte[] {'{', (byte) 0xc0, (byte) 0xaf, '}'}); // overlong '/'

    assertThat(closeCode(reply)).isEqualTo(1007);
    assertThat(channel.isOpen()).isFalse();
    assertThat(MetricValues.sum(registry, "aquatic_ws_protocol_violations_total", "reason", "invalid_utf8"))
        .isEqualTo(1);
  }

  @Test
  void closesAFrameOverMaxFrameSizeWith1009AndCountsIt() {
    send(UPGRADE.getBytes(StandardCharsets.US_ASCII));

    final byte[] reply = sendFrame("x".repeat(1025).getBytes(StandardCharsets.US_ASCII));

    assertThat(closeCode(reply)).isEqualTo(1009);
    assertThat(channel.isOpen()).isFalse();
    assertThat(MetricValues.sum(registry, "aquatic_ws_limits_hit_total", "limit", "frame_size")).isEqualTo(1);
  }

  private byte[] sendFrame(byte[] payload) {
    return sendBytes(RawWsClient.frame(TEXT, true, payload));
  }

  private String send(byte[] bytes) {
    return new String(sendBytes(bytes), StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code bytes} in, runs what the loop has queued, returns everything written out. */
  private byte[] sendBytes(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    channel.runPendingTasks();
    final ByteBuf all = Unpooled.buffer();
    try {
      for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
        all.writeBytes(out);
        out.release();
      }
      final byte[] copy = new byte[all.readableBytes()];
      all.readBytes(copy);
      return copy;
    } finally {
      all.release();
    }
  }

  /** The payload of one short (under 126 bytes) or medium (under 64 KiB) unmasked server frame. */
  private static String payload(byte[] frame) {
    final int length = frame[1] & 0x7f;
    final int offset = length == 126 ? 4 : 2;
    final int size = length == 126 ? ((frame[2] & 0xff) << 8) | (frame[3] & 0xff) : length;
    assertThat(frame).hasSize(offset + size);
    return new String(frame, offset, size, StandardCharsets.UTF_8);
  }

  /** The status code of the close frame that is all of {@code frame}. */
  private static int closeCode(byte[] frame) {
    assertThat(frame[0] & 0xff).as("a final close frame").isEqualTo(0x88);
    return ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
  }
}
