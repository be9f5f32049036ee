package org.aquaticjava.netty.tls;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link io.netty.handler.ssl.SslHandler} until the handshake ends: counts a
 * failed handshake by {@link HandshakeFailure} and closes the connection, or removes itself once
 * the handshake succeeds so it costs nothing afterwards.
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

  /**
   * @param failures one data point per {@link HandshakeFailure}, indexed by ordinal
   */
  TlsHandshakeObserver(CounterDataPoint[] failures) {
    this.failures = failures.clone();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent completion) {
      if (completion.isSuccess()) {
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

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Only reachable before the handshake succeeded: the completion event counts the failure.
    ctx.close();
  }
}
