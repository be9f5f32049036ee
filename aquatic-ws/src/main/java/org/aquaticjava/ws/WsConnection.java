package org.aquaticjava.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.atomic.AtomicInteger;
import org.aquaticjava.ws.WsMetrics.SendDropReason;
import org.aquaticjava.ws.WsMetrics.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection: its channel and outbound accounting (used from any thread), and the
 * state its event loop keeps (which peer id it announced per info hash, timestamps, rate bucket).
 *
 * <p><b>Backpressure.</b> {@link #send} queues a message only while the channel is writable (its
 * queued bytes below the high water mark, {@code limits.write_buffer_size}) and fewer than {@code
 * limits.max_queued_messages} messages are in flight; otherwise the message is dropped and
 * counted. Control frames (pongs, pings, closes) go through the same bounds ({@link
 * #sendControl}). A reader that stops reading therefore costs at most about one write buffer of
 * memory, and is closed by its worker's sweep once it has been unwritable for {@code
 * limits.send_timeout}.
 *
 * <p><b>Threads.</b> {@link #send} is thread-safe (Netty hands a write from another thread to the
 * channel's event loop). Everything else is touched only on the connection's event loop, apart
 * from {@link #flushPending}, whose elements belong to one socket worker each.
 */
final class WsConnection implements PeerOwner {
  /** Longs per announced torrent: info hash a, b; peer id a, b; {@code infoHashC << 32 | peerIdC}. */
  private static final int STRIDE = 5;
  private static final long[] NO_TORRENTS = new long[0];

  final Channel channel;
  final boolean ipv6;
  /** The client address's key in its worker's {@link org.aquaticjava.core.limit.SourceLimits}. */
  final long sourceKey;
  final WsMetrics.Family family;
  private final WsMetrics metrics;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();
  /** Write futures complete on the channel's event loop, so {@link #writesDone} needs no lock. */
  private final ChannelFutureListener dequeued =
      future -> {
        queued.decrementAndGet();
        this.writesDone++;
      };

  // ---- event loop only ----
  private long[] torrents = NO_TORRENTS;
  private int torrentCount;
  final TokenBucket rate;
  final long openedNanos;
  boolean handshakeDone;
  /** Last announce or scrape (the idle timer). */
  long lastRequestNanos;
  /** Last frame of any kind, pongs included (the liveness timer). */
  long lastFrameNanos;
  long lastPingNanos;
  /** When the channel became unwritable; 0 while writable. */
  long unwritableSinceNanos;
  /** Messages written or failed so far. */
  private long writesDone;
  /** {@link #writesDone} at the last {@link #stalledNanos} check. */
  private long writesAtLastCheck;
  /** Since when the queue has been full without a write completing; 0 while it moves. */
  private long fullQueueSinceNanos;
  /** Position in the worker's connection list; -1 when not registered. */
  int registryIndex = -1;
  /**
   * Per socket worker (by index), whether that worker's end-of-batch flush already lists this
   * connection; each element is touched only by its worker's thread.
   */
  final boolean[] flushPending;
  /** Refused by its source's message limit and closing: later messages are ignored. */
  boolean sourceLimited;

  WsConnection(
      Channel channel,
      boolean ipv6,
      long sourceKey,
      WsMetrics.Family family,
      WsMetrics metrics,
      int maxQueued,
      TokenBucket rate,
      int workerCount,
      long nowNanos) {
    this.channel = channel;
    this.ipv6 = ipv6;
    this.sourceKey = sourceKey;
    this.family = family;
    this.metrics = metrics;
    this.maxQueued = maxQueued;
    this.rate = rate;
    this.flushPending = new boolean[workerCount];
    this.openedNanos = nowNanos;
    this.lastRequestNanos = nowNanos;
    this.lastFrameNanos = nowNanos;
    this.lastPingNanos = nowNanos;
  }

  /**
   * Queues {@code content} (a complete JSON message in a buffer from {@link
   * ServerTextFrame#allocate}; ownership passes to this method) as a text frame, or drops and
   * counts it (see the class comment). Callable from any thread. Not flushed, unless half the
   * queue or the whole write buffer is taken: the sending socket worker flushes at the end of its
   * I/O batch ({@link WsSocketWorker}).
   *
   * @return whether the message was queued
   */
  boolean send(ByteBuf content, MessageType type) {
    final int inFlight = admit(type);
    if (inFlight < 0) {
      content.release();
      return false;
    }
    final ByteBuf frame = ServerTextFrame.seal(content);
    // Deferred writes are flushed early once half the queue is used, or once they fill the write
    // buffer: unflushed writes count as queued and against the buffer, and a client that reads
    // must not lose messages to our deferral.
    if (inFlight > maxQueued / 2) {
      channel.writeAndFlush(frame).addListener(dequeued);
    } else {
      channel.write(frame).addListener(dequeued);
      if (!channel.isWritable()) {
        channel.flush();
      }
    }
    family.response(type);
    return true;
  }

  /**
   * Queues a control frame (pong, ping, close; ownership passes to this method) under the same
   * bounds as messages, and flushes it: a client that sends pings and never reads the pongs
   * costs no more than one that never reads its announce responses. A refused frame is released
   * and counted as a dropped {@link MessageType#CONTROL}. Callable from the event loop.
   *
   * @param written run once the frame is written (e.g. a close), or null
   * @return whether the frame was queued
   */
  boolean sendControl(WebSocketFrame frame, @Nullable ChannelFutureListener written) {
    if (admit(MessageType.CONTROL) < 0) {
      frame.release();
      return false;
    }
    final ChannelFuture future = channel.writeAndFlush(frame).addListener(dequeued);
    if (written != null) {
      future.addListener(written);
    }
    return true;
  }

  /**
   * Takes a place in the outbound queue, or counts why there is none.
   *
   * @return the messages in flight with this one, or -1 if it may not be queued
   */
  private int admit(MessageType type) {
    final SendDropReason refusal =
        !channel.isActive()
            ? SendDropReason.CLOSED
            : !channel.isWritable() ? SendDropReason.NOT_WRITABLE : null;
    if (refusal != null) {
      metrics.dropped(type, refusal);
      return -1;
    }
    final int inFlight = queued.incrementAndGet();
    if (inFlight > maxQueued) {
      queued.decrementAndGet();
      metrics.dropped(type, SendDropReason.QUEUE_FULL);
      return -1;
    }
    return inFlight;
  }

  /**
   * How long the client has read nothing we could send: the channel unwritable (more than
   * write_buffer_size waiting), or its queue full of small messages with none written since the
   * previous check. 0 if it reads. Meant for the periodic sweep, which calls it on the event loop.
   */
  long stalledNanos(long nowNanos) {
    if (unwritableSinceNanos != 0) {
      return nowNanos - unwritableSinceNanos;
    }
    final boolean stuck = queued.get() >= maxQueued && writesDone == writesAtLastCheck;
    writesAtLastCheck = writesDone;
    if (!stuck) {
      fullQueueSinceNanos = 0;
      return 0;
    }
    if (fullQueueSinceNanos == 0) {
      fullQueueSinceNanos = nowNanos;
    }
    return nowNanos - fullQueueSinceNanos;
  }

  // ---- announced torrents (event loop only) ----

  int torrentCount() {
    return torrentCount;
  }

  /** Index of the torrent this connection announced with this info hash, or -1. */
  int findTorrent(long ihA, long ihB, int ihC) {
    final long[] t = torrents;
    for (int i = 0, o = 0; i < torrentCount; i++, o += STRIDE) {
      if (t[o] == ihA && t[o + 1] == ihB && (int) (t[o + 4] >>> 32) == ihC) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the peer id announced for torrent {@code i} is this one. */
  boolean peerIdIs(int i, long peerA, long peerB, int peerC) {
    final int o = i * STRIDE;
    return torrents[o + 2] == peerA && torrents[o + 3] == peerB && (int) torrents[o + 4] == peerC;
  }

  void addTorrent(long ihA, long ihB, int ihC, long peerA, long peerB, int peerC) {
    if ((torrentCount + 1) * STRIDE > torrents.length) {
      final long[] grown = new long[Math.max(4, torrentCount * 2) * STRIDE];
      System.arraycopy(torrents, 0, grown, 0, torrentCount * STRIDE);
      torrents = grown;
    }
    final int o = torrentCount * STRIDE;
    torrents[o] = ihA;
    torrents[o + 1] = ihB;
    torrents[o + 2] = peerA;
    torrents[o + 3] = peerB;
    torrents[o + 4] = (long) ihC << 32 | (peerC & 0xFFFF_FFFFL);
    torrentCount++;
  }

  /** Forgets torrent {@code i}; the last one moves into its place. */
  void removeTorrentAt(int i) {
    final int last = --torrentCount;
    if (i != last) {
      System.arraycopy(torrents, last * STRIDE, torrents, i * STRIDE, STRIDE);
    }
  }

  /** Removes every peer this connection announced from its swarm, at once (aquatic 0.8). */
  void leaveAllSwarms(WsSwarmStore store) {
    final long[] t = torrents;
    for (int i = 0, o = 0; i < torrentCount; i++, o += STRIDE) {
      store.remove(ipv6, t[o], t[o + 1], (int) (t[o + 4] >>> 32), t[o + 2], t[o + 3], (int) t[o + 4], this);
    }
    torrentCount = 0;
    torrents = NO_TORRENTS;
  }
}
