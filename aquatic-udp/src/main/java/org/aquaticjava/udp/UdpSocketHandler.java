package org.aquaticjava.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.time.ServerClock;

/**
 * The Netty side of one UDP socket: hands each datagram to its {@link UdpRequestProcessor} and
 * writes the answer back. Each socket has its own handler, touched by one event-loop thread only.
 *
 * <p>The processor writes into one scratch buffer of the largest response size, owned by the
 * handler; only an answered datagram allocates, a buffer of exactly its response's size (and
 * Netty's packet around it). A dropped datagram, which is what a garbage flood consists of,
 * allocates nothing here, where a max-size buffer per datagram would cost the pool a size-class
 * allocation each time.
 *
 * <p>The clock is read once per read batch: {@link #channelReadComplete} ends the batch, flushes
 * the responses written during it (one sendmmsg on epoll) and forgets the time. It also tells the
 * worker's {@link LoadShedding} how many datagrams the read drained: reads that keep coming back
 * full mean the socket's receive queue is backing up ({@code [overload]}).
 */
final class UdpSocketHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final int NO_TIME = -1;

  private final UdpRequestProcessor processor;
  private final ServerClock clock;
  private final LoadShedding shedding;
  private ByteBuf scratch;
  /** Datagrams of the current read. */
  private int readInBatch;
  private int now = NO_TIME;
  private boolean wroteInBatch;

  UdpSocketHandler(UdpRequestProcessor processor, ServerClock clock, LoadShedding shedding) {
    super(DatagramPacket.class, true);
    this.processor = processor;
    this.clock = clock;
    this.shedding = shedding;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    final int capacity = processor.maxResponseLength();
    scratch = ctx.alloc().directBuffer(capacity, capacity);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    scratch.release();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    readInBatch++;
    if (now == NO_TIME) {
      now = clock.secondsSinceStart();
    }
    final ByteBuf response = scratch.clear();
    if (processor.process(packet.content(), packet.sender(), now, response)) {
      final int length = response.readableBytes();
      final ByteBuf out = ctx.alloc().directBuffer(length, length).writeBytes(response);
      ctx.write(new DatagramPacket(out, packet.sender()), ctx.voidPromise());
      wroteInBatch = true;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    now = NO_TIME;
    shedding.readCycle(readInBatch);
    readInBatch = 0;
    if (wroteInBatch) {
      wroteInBatch = false;
      ctx.flush();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Socket-level errors (e.g. ICMP port unreachable surfacing as a send failure) concern one
    // peer, never the socket: log once per window and keep serving.
    processor.socketError(cause);
  }
}
