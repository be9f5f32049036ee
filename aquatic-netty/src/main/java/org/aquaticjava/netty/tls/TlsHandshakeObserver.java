package org.aquaticjava.netty.tls;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.internal.tcnative.SSL;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link SslHandler} until the handshake ends: counts a failed handshake by
 * {@link HandshakeFailure} and closes the connection, or counts a successful one as full or
 * resumed and removes itself so it costs nothing afterwards. Full versus resumed is asked of
 * BoringSSL ({@code SSL_session_reused}, one native call); a JDK engine does not tell, so its
 * handshakes are not counted.
 *
 * <p>A failed handshake also fires {@code exceptionCaught} (garbage bytes arrive as a {@code
 * DecoderException}); this handler swallows it, because the failure is already counted and a flood
 * of scanners must not fill the log with stack traces. Each failure is logged at debug.
 *
 * <p>Shared by all channels of one provider; the counters are thread-safe.
 */
@Sharable
final class TlsHandshakeObserver extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TlsHandshakeObserver.class);

  private final CounterDataPoint[] failures;
  private final CounterDataPoint full;
  private final CounterDataPoint resumed;

  /**
   * @param failures one data point per {@link HandshakeFailure}, indexed by ordinal
   * @param full successful handshakes that were not resumed
   * @param resumed successful handshakes that resumed a session
   */
  TlsHandshakeObserver(CounterDataPoint[] failures, CounterDataPoint full, CounterDataPoint resumed) {
    this.failures = failures.clone();
    this.full = full;
    this.resumed = resumed;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent completion) {
      if (completion.isSuccess()) {
        countSuccess(ctx);
        ctx.fireUserEventTriggered(event);
        ctx.pipeline().remove(this);
        return;
      }
      final HandshakeFailure reason = HandshakeFailure.of(completion.cause());
      failures[reason.ordinal()].inc();
      if (log.isDebugEnabled()) {
        log.debug(
            "TLS handshake from {} failed ({}): {}",
            ctx.channel().remoteAddress(),
            reason.label(),
            completion.cause().toString());
      }
      ctx.close();
    }
    ctx.fireUserEventTriggered(event);
  }

  private void countSuccess(ChannelHandlerContext ctx) {
    if (ctx.pipeline().get(TlsContextProvider.HANDLER_NAME) instanceof SslHandler tls
        && tls.engine() instanceof ReferenceCountedOpenSslEngine engine) {
      final long ssl = engine.sslPointer(); // 0 once the engine is freed: nothing to ask then
      if (ssl != 0) {
        (SSL.isSessionReused(ssl) ? resumed : full).inc();
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Only reachable before the handshake succeeded: the completion event counts the failure.
    ctx.close();
  }
}
