package org.aquaticjava.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Slow-loris protection: once the first byte of a request arrives, its head must be complete
 * within the request timeout or the connection is closed (and counted). Sits in front of the HTTP
 * decoder, so it sees raw bytes; the connection handler calls {@link #headComplete()} when the
 * decoder delivers a head. An idle connection between requests is the idle timeout's business.
 *
 * <p>One timer per connection at most: it is scheduled when a head starts and none is pending,
 * and when it fires early (the head it was set for completed and a later one started) it
 * re-arms for the remaining time, so a busy keep-alive connection schedules at most one task per
 * timeout period rather than one per request. Single-threaded: used on the channel's event loop.
 */
final class RequestHeadDeadline extends ChannelInboundHandlerAdapter implements Runnable {
  private final long timeoutNanos;
  private final Runnable onExpiry;
  private ChannelHandlerContext ctx;
  private boolean headPending;
  private long headStartNanos;
  private Future<?> timer;

  /**
   * @param onExpiry what to do when a head is late (count, then close); runs on the event loop
   */
  RequestHeadDeadline(long timeoutMillis, Runnable onExpiry) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.onExpiry = onExpiry;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!headPending && msg instanceof ByteBuf bytes && bytes.isReadable()) {
      headPending = true;
      headStartNanos = System.nanoTime();
      if (timer == null) {
        timer = ctx.executor().schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
      }
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * The decoder delivered a complete head. Bytes of a further pipelined request already received
   * start no new deadline; the next bytes that arrive do.
   */
  void headComplete() {
    headPending = false;
  }

  /** The timer: expire the pending head if it is late, else wait for the rest of its time. */
  @Override
  public void run() {
    timer = null;
    if (!headPending || !ctx.channel().isActive()) {
      return;
    }
    final long remaining = headStartNanos + timeoutNanos - System.nanoTime();
    if (remaining > 0) {
      timer = ctx.executor().schedule(this, remaining, TimeUnit.NANOSECONDS);
      return;
    }
    headPending = false;
    onExpiry.run();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    ctx.fireChannelInactive();
  }
}
