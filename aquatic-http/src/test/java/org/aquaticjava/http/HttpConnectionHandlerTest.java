package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.metrics.TrackerMetrics;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.limit.SourceLimits.Kind;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.netty.ConnectionGate;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.junit.jupiter.api.Test;

/** The connection handler without sockets: shutdown answers and methods other than GET. */
class HttpConnectionHandlerTest {
  private final TrackerMetrics registry = new TrackerMetrics();
  private final Stopping lifecycle = new Stopping();
  private final HttpWorkerContext worker = worker();

  private HttpWorkerContext worker() {
    try {
      final HttpMetrics.Worker metrics = new HttpMetrics(registry).forWorker(0);
      final SourceLimits limits =
          new SourceLimits(
              RateLimitConfig.DEFAULTS, EnumSet.of(Kind.HTTP_REQUEST), metrics.sourceLimits());
      return new HttpWorkerContext(
          new HttpRequestProcessor(
              HttpConfig.Protocol.DEFAULTS,
              new SwarmStore(SwarmSettings.DEFAULTS),
              AccessListHolder.load(AccessListConfig.DEFAULTS),
              metrics,
              limits,
              new OverloadMetrics(new TrackerMetrics(), "http")
                  .worker(0, OverloadConfig.DEFAULTS, 900, 1800, LoadShedding.NO_READS)),
          metrics,
          HttpConnectionHandler.workerLog("socket-test"),
          ServerClock.startingNow(),
          HttpConfig.Limits.DEFAULTS,
          true,
          null,
          ReverseProxyHeader.X_FORWARDED_FOR,
          new ConnectionGate(10),
          limits,
          lifecycle);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** An embedded channel with a real remote address, as the handler expects. */
  private EmbeddedChannel channel() {
    final TrackerRequestDecoder decoder = new TrackerRequestDecoder(new HttpDecoderConfig());
    final HttpConnectionHandler handler = new HttpConnectionHandler(worker, decoder);
    return new EmbeddedChannel(handler.deadlines(), decoder, handler) {
      @Override
      protected SocketAddress remoteAddress0() {
        return new InetSocketAddress("192.0.2.1", 50_000);
      }
    };
  }

  @Test
  void whileStoppingAnswersWithBep31RetryInAndCloses() {
    lifecycle.stop();
    final EmbeddedChannel channel = channel();

    channel.writeInbound(request("GET " + scrapeTarget() + " HTTP/1.1\r\nHost: t\r\n\r\n"));

    final String response = readAll(channel);
    assertThat(response)
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("Connection: close\r\n")
        .endsWith("d14:failure reason37:tracker is shutting down, retry later"
            + "12:min intervali60e8:retry ini1ee");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void answersOtherMethodsWith405AndKeepsTheConnection() {
    final EmbeddedChannel channel = channel();

    channel.writeInbound(request("POST " + scrapeTarget() + " HTTP/1.1\r\nHost: t\r\n\r\n"));

    assertThat(readAll(channel))
        .startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
        .endsWith("d14:failure reason27:method not allowed: use GETe");
    assertThat(channel.isOpen()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  private static String scrapeTarget() {
    return HttpTestClient.scrapeTarget("/scrape", java.util.List.of(Hashes.filled(1)));
  }

  private static ByteBuf request(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
  }

  private static String readAll(EmbeddedChannel channel) {
    final StringBuilder out = new StringBuilder();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      out.append(buf.toString(StandardCharsets.ISO_8859_1));
      buf.release();
    }
    return out.toString();
  }
}
