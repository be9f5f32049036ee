package org.aquaticjava.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.aquaticjava.core.swarm.AnnounceRequest;
import org.aquaticjava.core.time.ServerClock;

/**
 * The Netty side of one UDP socket: hands each datagram to its {@link UdpRequestProcessor} and
 * writes the answer back, at once or, when a swarm worker computes it, later as a {@link
 * ReplyTarget}. Each socket has its own handler, touched by one event-loop thread only.
 *
 * <p>The clock is read once per read batch: {@link #channelReadComplete} ends the batch, flushes
 * the responses written during it (one sendmmsg on epoll) and forgets the time.
 */
final class UdpSocketHandler extends SimpleChannelInboundHandler<DatagramPacket>
    implements ReplyTarget {
  private static final int NO_TIME = -1;

  private final UdpRequestProcessor processor;
  private final ServerClock clock;
  private ChannelHandlerContext ctx;
  private int now = NO_TIME;
  private boolean unflushed;

  UdpSocketHandler(UdpRequestProcessor processor, ServerClock clock) {
    super(DatagramPacket.class, true);
    this.processor = processor;
    this.clock = clock;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    if (now == NO_TIME) {
      now = clock.secondsSinceStart();
    }
    final ByteBuf out = ctx.alloc().directBuffer(processor.maxResponseLength());
    if (processor.process(packet.content(), packet.sender(), now, out, this)) {
      send(out, packet.sender());
    } else {
      out.release();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    now = NO_TIME;
    flushReplies();
  }

  @Override
  public void replyAnnounce(int transactionId, InetSocketAddress recipient, AnnounceRequest results) {
    final ByteBuf out = ctx.alloc().directBuffer(processor.maxResponseLength());
    processor.writeAnnounce(out, transactionId, results);
    processor.countSent(out);
    send(out, recipient);
  }

  @Override
  public void replyScrape(int transactionId, InetSocketAddress recipient, ScrapeResults results) {
    final ByteBuf out = ctx.alloc().directBuffer(processor.maxResponseLength());
    processor.writeScrape(out, transactionId, results);
    processor.countSent(out);
    send(out, recipient);
  }

  @Override
  public void flushReplies() {
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
  }

  private void send(ByteBuf response, InetSocketAddress recipient) {
    ctx.write(new DatagramPacket(response, recipient), ctx.voidPromise());
    unflushed = true;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Socket-level errors (e.g. ICMP port unreachable surfacing as a send failure) concern one
    // peer, never the socket: log once per window and keep serving.
    processor.socketError(cause);
  }
}
