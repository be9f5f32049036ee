package org.aquaticjava.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Map;
import org.aquaticjava.netty.ConnectionGate;
import org.aquaticjava.netty.tls.TlsContextProvider;
import org.aquaticjava.ws.WsMetrics.Limit;
import org.jspecify.annotations.Nullable;

/**
 * Builds the pipeline of each accepted connection:
 *
 * <pre>
 * [TLS →] HttpServerCodec → HttpObjectAggregator → UpgradeRequestCheck → TextFrameUtf8Check
 *     → ControlFrames → WebSocketServerProtocolHandler → WebSocketFrameAggregator
 *     → WsConnectionHandler
 * </pre>
 *
 * {@link UpgradeRequestCheck} refuses upgrade requests over {@code limits.max_request_line_length}
 * or {@code limits.max_header_bytes}, or below HTTP/1.1. The
 * WebSocket handler answers the upgrade on the configured path (any path by default); a frame above
 * {@code limits.max_frame_size} closes with 1009, any other protocol error with 1002 or 1007
 * ({@link WsConnectionHandler}); the aggregator joins fragmented messages up to {@code
 * limits.max_message_size}. Pings and close frames are answered by {@link ControlFrames} through
 * the connection's bounded queue. Text frames are checked for UTF-8 by {@link TextFrameUtf8Check}
 * instead of Netty's slower validator. No compression extension: it would cost memory per connection for
 * small messages. Connections beyond {@code limits.max_connections} are closed at once. Shared by
 * all connections (stateless apart from the shared, thread-safe limiter). Typed on {@link Channel}
 * rather than the socket channel the server accepts so that tests can run the same pipeline in an
 * {@code EmbeddedChannel}; the remote address must be an {@link InetSocketAddress}.
 */
final class WsChannelInitializer extends ChannelInitializer<Channel> {
  /** Upgrade requests have no body; a small cap keeps hostile bodies out. */
  private static final int MAX_REQUEST_BODY = 1024;

  private final Map<EventLoop, SocketWorker> workers;
  private final ConnectionGate limiter;
  private final WsMetrics metrics;
  private final WebSocketServerProtocolConfig protocolConfig;
  private final int maxMessageSize;
  private final int maxRequestLineLength;
  private final int maxHeaderBytes;
  private final @Nullable TlsContextProvider tls;

  /** @param tls the TLS context for wss://, or null for ws:// */
  WsChannelInitializer(
      WsConfig config,
      Map<EventLoop, SocketWorker> workers,
      ConnectionGate limiter,
      WsMetrics metrics,
      @Nullable TlsContextProvider tls) {
    this.tls = tls;
    this.workers = workers;
    this.limiter = limiter;
    this.metrics = metrics;
    final WsConfig.Limits limits = config.limits();
    final String path = config.network().websocketPath();
    this.protocolConfig =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(path.isEmpty() ? "/" : path)
            .checkStartsWith(path.isEmpty())
            .handshakeTimeoutMillis(limits.handshakeTimeout() * 1000L)
            .dropPongFrames(false) // pongs prove liveness to the ping sweep
            .sendCloseFrame(null) // WsConnectionHandler sends the one close frame a close needs
            .decoderConfig(
                WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(limits.maxFrameSize())
                    .allowExtensions(false)
                    .closeOnProtocolViolation(false) // WsConnectionHandler closes, with one close frame
                    .withUTF8Validator(false) // TextFrameUtf8Check does it, faster
                    .build())
            .build();
    this.maxMessageSize = limits.maxMessageSize();
    this.maxRequestLineLength = limits.maxRequestLineLength();
    this.maxHeaderBytes = limits.maxHeaderBytes();
  }

  @Override
  protected void initChannel(Channel channel) {
    if (!limiter.tryAcquire()) {
      metrics.limitHit(Limit.MAX_CONNECTIONS);
      channel.close();
      return;
    }
    channel.closeFuture().addListener(future -> limiter.release());
    final SocketWorker worker = workers.get(channel.eventLoop());
    final WsConnection connection =
        worker.open(channel, isIpv6((InetSocketAddress) channel.remoteAddress()));
    final ChannelPipeline pipeline = channel.pipeline();
    if (tls != null) {
      tls.install(pipeline); // the context in force now: a reload affects new connections only
    }
    pipeline.addLast(new HttpServerCodec(maxRequestLineLength, maxHeaderBytes, maxHeaderBytes));
    pipeline.addLast(new HttpObjectAggregator(MAX_REQUEST_BODY));
    pipeline.addLast(new UpgradeRequestCheck(worker, connection));
    pipeline.addLast(new TextFrameUtf8Check());
    pipeline.addLast(new ControlFrames(worker, connection));
    pipeline.addLast(new WebSocketServerProtocolHandler(protocolConfig));
    pipeline.addLast(new WebSocketFrameAggregator(maxMessageSize));
    pipeline.addLast(new WsConnectionHandler(worker, connection));
  }

  /**
   * IPv6 unless the address is IPv4 (the JDK turns IPv4-mapped IPv6 addresses into {@code
   * Inet4Address}, so a dual-stack socket's IPv4 clients land in the IPv4 swarms).
   */
  static boolean isIpv6(InetSocketAddress remote) {
    return remote.getAddress() instanceof Inet6Address;
  }
}
