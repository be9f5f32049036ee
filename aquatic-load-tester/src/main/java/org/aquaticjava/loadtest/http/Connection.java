package org.aquaticjava.loadtest.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpResponse;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One connection slot of a worker: at most one TCP connection at a time, with at most one request
 * in flight on it (no pipelining). The slot outlives its connections: when one closes, the worker
 * opens the next. It is the last handler of its current channel's pipeline and forwards every
 * event to the {@link HttpLoadWorker}; events of a channel the slot has already left are ignored.
 *
 * <p>Confined to the worker's event loop thread. {@link Sharable} only because a slot is added to
 * one channel after another, never to two at once.
 */
@ChannelHandler.Sharable
final class Connection extends SimpleChannelInboundHandler<FullHttpResponse>
    implements ChannelFutureListener {
  /** No channel and nothing pending. */
  static final int DISCONNECTED = 0;
  /** A connect without a request waiting for it (keep-alive mode). */
  static final int CONNECTING = 1;
  /** Connected, nothing in flight: ready for a request. */
  static final int IDLE = 2;
  /** A request is in flight (or, connection-per-request, waiting for its connect). */
  static final int IN_FLIGHT = 3;
  /** The reply came (or the request was given up) and the channel is closing. */
  static final int CLOSING = 4;

  final int slot;
  private final HttpLoadWorker worker;

  @Nullable Channel channel;
  int state = DISCONNECTED;
  /** Kind of the request in flight ({@link ReplyKind}). */
  int kind;
  /** numwant of the announce in flight, or distinct info hashes of the scrape in flight. */
  int expected;
  long latencyStartNanos;
  /** When the request in flight started (its connect, in connection-per-request mode). */
  long startedNanos;
  /** Whether the current channel has carried a reply already (it is a reused connection). */
  boolean reused;
  /**
   * Whether the request in flight may be sent again on a new connection if this one closes
   * without a reply: it went out on a reused connection and was not retried yet.
   */
  boolean retryable;
  /** The request bytes kept for that one retry (a retained duplicate), or null. */
  @Nullable ByteBuf retryBytes;
  /** Keep-alive with [sources]: the source address of every connection of this slot; else null. */
  @Nullable InetSocketAddress localAddress;

  Connection(int slot, HttpLoadWorker worker) {
    this.slot = slot;
    this.worker = worker;
  }

  boolean isCurrent(Channel candidate) {
    return candidate == channel;
  }

  /** Connect completion. */
  @Override
  public void operationComplete(ChannelFuture future) {
    if (!isCurrent(future.channel())) {
      return;
    }
    if (future.isSuccess()) {
      worker.onConnected(this);
    } else {
      worker.onConnectFailed(this, future.cause());
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    if (isCurrent(ctx.channel())) {
      worker.onResponse(this, response);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (isCurrent(ctx.channel())) {
      worker.onClosed(this);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (isCurrent(ctx.channel())) {
      // A reply the decoder refuses, or one over the size limit, is the tracker's fault;
      // anything else (reset, write failure) loses the request.
      worker.onBrokenChannel(this, cause instanceof DecoderException);
    } else {
      ctx.close();
    }
  }
}
