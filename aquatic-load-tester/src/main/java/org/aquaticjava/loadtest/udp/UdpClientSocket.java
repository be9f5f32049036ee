package org.aquaticjava.loadtest.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.aquaticjava.loadtest.OutcomeCounters;
import org.jspecify.annotations.Nullable;

/**
 * One connected, non-blocking UDP socket of a worker with its BEP 15 connection id and its
 * in-flight requests. Sends and receives go through one direct buffer each, wrapped once as a
 * {@link ByteBuf} for the codec, so the send/receive path allocates nothing.
 *
 * <p>Not thread-safe: owned by one worker thread.
 */
final class UdpClientSocket implements AutoCloseable {
  /** Largest datagram read; bigger replies are truncated by the kernel and fail validation. */
  static final int MAX_DATAGRAM = 2048;

  private final DatagramChannel channel;
  private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final ByteBuf sendView = Unpooled.wrappedBuffer(sendBuffer);
  private final ByteBuf receiveView = Unpooled.wrappedBuffer(receiveBuffer);
  final InFlightTable inFlight;

  private long connectionId;
  private boolean hasConnectionId;
  private long connectionIdObtainedNanos;
  private boolean renewalRequested;
  private boolean connectInFlight;

  private final OutcomeCounters counters;
  private final InFlightTable.ExpiryListener onExpired = this::expired;

  private UdpClientSocket(DatagramChannel channel, int maxInFlight, OutcomeCounters counters) {
    this.channel = channel;
    this.inFlight = new InFlightTable(maxInFlight);
    this.counters = counters;
  }

  /**
   * Opens a socket connected to {@code target} from {@code source} (null: the address the route
   * picks) and registers it with {@code selector}, with itself as the key's attachment.
   */
  static UdpClientSocket open(
      InetSocketAddress target,
      @Nullable InetAddress source,
      int recvBuffer,
      int maxInFlight,
      Selector selector,
      OutcomeCounters counters)
      throws IOException {
    final boolean ipv6 = target.getAddress() instanceof Inet6Address;
    final DatagramChannel channel =
        DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    try {
      if (recvBuffer > 0) {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, recvBuffer);
      }
      if (source != null) {
        channel.bind(new InetSocketAddress(source, 0));
      }
      // connect() binds an ephemeral port on the loopback address the route picks if not bound.
      channel.connect(target);
      channel.configureBlocking(false);
      final UdpClientSocket socket = new UdpClientSocket(channel, maxInFlight, counters);
      channel.register(selector, SelectionKey.OP_READ, socket);
      return socket;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** An empty send buffer to write one request into; pass it to {@link #send()} afterwards. */
  ByteBuf sendBuffer() {
    return sendView.clear();
  }

  /**
   * Sends what was written into {@link #sendBuffer()}. Returns false if the kernel did not take the
   * datagram (full send buffer, or an ICMP error from an earlier datagram).
   */
  boolean send() throws IOException {
    sendBuffer.clear().limit(sendView.writerIndex());
    try {
      return channel.write(sendBuffer) > 0;
    } catch (PortUnreachableException e) {
      // Nobody listens (yet); the request is simply not sent.
      return false;
    }
  }

  /**
   * Reads one datagram if one is waiting and returns a view of it (valid until the next receive),
   * or null if none is.
   */
  ByteBuf receive() throws IOException {
    receiveBuffer.clear();
    final int length;
    try {
      length = channel.read(receiveBuffer);
    } catch (PortUnreachableException e) {
      // ICMP for an earlier send: the requests concerned will time out and count as lost.
      return null;
    }
    return length <= 0 ? null : receiveView.setIndex(0, length);
  }

  /**
   * Whether a request can go out now: a slot is free, and either an id is held or a connect for
   * one can be sent.
   */
  boolean canSend() {
    return inFlight.hasFreeSlot() && (hasConnectionId || !connectInFlight);
  }

  long connectionId() {
    return connectionId;
  }

  /**
   * Whether this socket should send a connect now: it has no id or its id is due for renewal, and
   * no connect is in flight already.
   */
  boolean needsConnect(long nowNanos, long renewAfterNanos) {
    return !connectInFlight
        && (!hasConnectionId
            || renewalRequested
            || nowNanos - connectionIdObtainedNanos >= renewAfterNanos);
  }

  /** A connect request left this socket (or was given up: {@code inFlight} false). */
  void connectInFlight(boolean inFlight) {
    connectInFlight = inFlight;
  }

  /** A connect reply arrived: use its id from now on. */
  void connected(long newConnectionId, long nowNanos) {
    connectionId = newConnectionId;
    hasConnectionId = true;
    connectionIdObtainedNanos = nowNanos;
    renewalRequested = false;
  }

  /** An error reply arrived for an announce or scrape: fetch a fresh id soon. */
  void requestRenewal() {
    renewalRequested = true;
  }

  /** Counts every request sent before {@code sentBefore} as lost and frees its slot. */
  int expire(long sentBefore) {
    return inFlight.expire(sentBefore, onExpired);
  }

  private void expired(byte kind) {
    counters.lost();
    if (kind == RequestKind.CONNECT) {
      connectInFlight = false;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
