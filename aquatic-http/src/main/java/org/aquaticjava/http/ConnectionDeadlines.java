package org.aquaticjava.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The deadlines of one connection, on one timer. First byte: a connection that sends nothing
 * within the first-byte timeout of accept is closed, so silent connections cannot hold the
 * connection slots for the idle timeout. Slow-loris protection: once the first byte of a request
 * arrives, its head must be complete within the request timeout. Idle timeout: a connection that
 * reads nothing for max_connection_idle is closed. Sits in front of the HTTP
 * decoder, so it sees raw bytes; the connection handler calls {@link #headComplete()} when the
 * decoder delivers a head.
 *
 * <p>Idle time counts from the end of the last read batch. Responses are written only while a
 * read batch is handled, so that is also when the last write started: a connection is idle when it
 * neither reads nor writes, as with Netty's {@code IdleStateHandler} for all-idle, except that a
 * write counts when it starts rather than when the client has taken all of it.
 *
 * <p>One timer per connection, never more, and no rescheduling while the connection is busy: the
 * timer is due at most one request timeout ahead, so a head that starts finds it due no later than
 * its own deadline; when it fires early it re-arms for what remains. Once the connection has read
 * nothing for a request timeout, the timer sleeps until the idle deadline, and a head that starts
 * after that moves it forward (the only case that cancels a timer of an open connection). A
 * connection that serves one request and closes schedules one task and cancels it.
 * Single-threaded: used on the channel's event loop.
 */
final class ConnectionDeadlines extends ChannelInboundHandlerAdapter implements Runnable {
  /** What the connection does when a deadline passes; runs on the event loop. */
  interface Expiry {
    /** A request head was not complete within the request timeout. */
    void requestTimedOut();

    /** Nothing was read for the idle timeout. */
    void idleTimedOut();

    /** Nothing at all arrived within the first-byte timeout of accept. */
    void firstByteTimedOut();
  }

  private final long firstByteNanos;
  private final long headTimeoutNanos;
  private final long idleNanos;
  private final Expiry expiry;
  private ChannelHandlerContext ctx;
  private boolean reading;
  private boolean anyByteRead;
  private long acceptNanos;
  private long lastReadNanos;
  private boolean headPending;
  private long headStartNanos;
  private @Nullable Future<?> timer;
  private long timerDueNanos;

  ConnectionDeadlines(
      long firstByteTimeoutMillis, long requestTimeoutMillis, long idleSeconds, Expiry expiry) {
    this.firstByteNanos = TimeUnit.MILLISECONDS.toNanos(firstByteTimeoutMillis);
    this.headTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMillis);
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    this.expiry = expiry;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    final long now = System.nanoTime();
    lastReadNanos = now;
    acceptNanos = now;
    arm(now + Math.min(firstByteNanos, Math.min(headTimeoutNanos, idleNanos)), now);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
      reading = true;
      anyByteRead = true;
      if (!headPending) {
        headPending = true;
        headStartNanos = System.nanoTime();
        final long deadline = headStartNanos + headTimeoutNanos;
        if (timer != null && timerDueNanos - deadline > 0) {
          // The timer slept towards the idle deadline: bring it forward.
          timer.cancel(false);
          arm(deadline, headStartNanos);
        }
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (reading) {
      reading = false;
      lastReadNanos = System.nanoTime();
    }
    ctx.fireChannelReadComplete();
  }

  /**
   * The decoder delivered a complete head. Bytes of a further pipelined request already received
   * start no new deadline; the next bytes that arrive do.
   */
  void headComplete() {
    headPending = false;
  }

  /** The timer: expire what is late, else re-arm for the earliest deadline still ahead. */
  @Override
  public void run() {
    timer = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    final long now = System.nanoTime();
    final long firstByteDeadline = acceptNanos + firstByteNanos;
    if (!anyByteRead && now - firstByteDeadline >= 0) {
      expiry.firstByteTimedOut();
      return;
    }
    final long headDeadline = headStartNanos + headTimeoutNanos;
    if (headPending && now - headDeadline >= 0) {
      headPending = false;
      expiry.requestTimedOut();
      return;
    }
    final long idleDeadline = lastReadNanos + idleNanos;
    if (now - idleDeadline >= 0) {
      expiry.idleTimedOut();
      return;
    }
    long due = idleDeadline;
    if (!anyByteRead) {
      due = earlier(due, firstByteDeadline);
    }
    if (headPending) {
      due = earlier(due, headDeadline);
    } else if (now - lastReadNanos < headTimeoutNanos) {
      due = earlier(due, now + headTimeoutNanos); // busy: the next head is likely to come soon
    }
    arm(due, now);
  }

  private void arm(long dueNanos, long nowNanos) {
    timerDueNanos = dueNanos;
    timer = ctx.executor().schedule(this, dueNanos - nowNanos, TimeUnit.NANOSECONDS);
  }

  /** The earlier of two {@link System#nanoTime()} instants (they may wrap). */
  private static long earlier(long a, long b) {
    return a - b <= 0 ? a : b;
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
