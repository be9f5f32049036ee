package org.aquaticjava.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.swarm.AnnounceRequest;
import org.aquaticjava.core.swarm.PeerWords;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.udp.UdpMetrics.ServerDropReason;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.ParseOutcome;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.aquaticjava.udp.protocol.UdpRequestParser;
import org.aquaticjava.udp.protocol.UdpErrorMessage;
import org.aquaticjava.udp.protocol.UdpProtocol;
import org.aquaticjava.udp.protocol.UdpResponseWriter;

/**
 * Answers the datagrams of one socket. Each socket worker owns one instance per socket, so the
 * reusable request and response scratch objects are touched by one event-loop thread only.
 *
 * <p>The clock is read once per read batch: {@link #channelReadComplete} ends the batch, flushes
 * the responses written during it (one sendmmsg on epoll) and forgets the time.
 */
final class UdpSocketHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final int NO_TIME = -1;

  private final UdpRequestParser parser;
  private final UdpRequest request;
  private final AnnounceRequest announce;
  private final ScrapeCounts scrapeCounts = new ScrapeCounts();
  private final SwarmStore store;
  private final ConnectionIdValidator connectionIds;
  private final AccessListHolder accessList;
  private final ServerClock clock;
  private final UdpMetrics.Worker metrics;
  private final DropLog dropLog;
  private final int maxResponsePeers;
  private final int announceInterval;
  private int now = NO_TIME;
  private boolean wroteInBatch;

  UdpSocketHandler(
      UdpConfig config,
      SwarmStore store,
      ConnectionIdValidator connectionIds,
      AccessListHolder accessList,
      ServerClock clock,
      UdpMetrics.Worker metrics,
      DropLog dropLog) {
    super(DatagramPacket.class, true);
    this.parser = new UdpRequestParser(config.protocol().maxScrapeTorrents());
    this.request = new UdpRequest();
    this.maxResponsePeers = config.protocol().maxResponsePeers();
    this.announce = new AnnounceRequest(maxResponsePeers);
    this.announceInterval = config.protocol().peerAnnounceInterval();
    this.store = store;
    this.connectionIds = connectionIds;
    this.accessList = accessList;
    this.clock = clock;
    this.metrics = metrics;
    this.dropLog = dropLog;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    final ByteBuf datagram = packet.content();
    metrics.requests.inc();
    metrics.rxBytes.inc(datagram.readableBytes());
    final InetSocketAddress sender = packet.sender();
    if (sender.getPort() == 0) {
      drop(ServerDropReason.SOURCE_PORT_ZERO, sender);
      return;
    }
    if (now == NO_TIME) {
      now = clock.secondsSinceStart();
    }
    try {
      handle(ctx, datagram, sender);
    } catch (RuntimeException e) {
      // One bad request must never stop the worker; the cause is logged once per window.
      drop(ServerDropReason.INTERNAL_ERROR, sender);
      dropLog.internalError(e);
    }
  }

  private void handle(ChannelHandlerContext ctx, ByteBuf datagram, InetSocketAddress sender) {
    final InetAddress address = sender.getAddress();
    final SourceAddress source = SourceAddress.of(address, announce);
    final ParseOutcome outcome = parser.parse(datagram, request);
    switch (outcome) {
      case CONNECT -> {
        final long id = source.issue(connectionIds, announce, now);
        final ByteBuf out = ctx.alloc().directBuffer(UdpProtocol.CONNECT_RESPONSE_LENGTH);
        UdpResponseWriter.writeConnect(out, request.transactionId(), id);
        send(ctx, out, sender);
        metrics.connectResponses.inc();
      }
      case ANNOUNCE -> {
        if (connectionIdIsValid(source, sender)) {
          announce(ctx, sender, source);
        }
      }
      case SCRAPE -> {
        if (connectionIdIsValid(source, sender)) {
          scrape(ctx, sender, source);
        }
      }
      case ERROR -> {
        if (connectionIdIsValid(source, sender)) {
          sendError(ctx, sender, request.errorMessage());
        }
      }
      case DROP -> {
        metrics.dropped(request.dropReason());
        dropLog.parserDrop(request.dropReason(), sender);
      }
    }
  }

  private boolean connectionIdIsValid(SourceAddress source, InetSocketAddress sender) {
    final ServerDropReason reason =
        switch (source.validate(connectionIds, announce, request.connectionId(), now)) {
          case VALID -> null;
          case FORGED -> ServerDropReason.CONNECTION_ID_FORGED;
          case EXPIRED -> ServerDropReason.CONNECTION_ID_EXPIRED;
          case FROM_FUTURE -> ServerDropReason.CONNECTION_ID_FROM_FUTURE;
        };
    if (reason == null) {
      return true;
    }
    drop(reason, sender);
    return false;
  }

  private void announce(ChannelHandlerContext ctx, InetSocketAddress sender, SourceAddress source) {
    if (!accessList.current().allows(request.infoHashA(), request.infoHashB(), request.infoHashC())) {
      sendError(ctx, sender, UdpErrorMessage.INFO_HASH_NOT_ALLOWED);
      return;
    }
    final AnnounceRequest a = announce;
    a.infoHash.set(request.infoHashA(), request.infoHashB(), request.infoHashC());
    a.port = request.port();
    a.seeder = request.left() == 0;
    final AnnounceEvent event = request.event();
    a.stopped = event == AnnounceEvent.STOPPED;
    a.completed = event == AnnounceEvent.COMPLETED;
    final int wanted = request.numWant();
    a.peersWanted = wanted <= 0 ? maxResponsePeers : Math.min(wanted, maxResponsePeers);
    store.announce(a, now);

    final boolean v6 = source == SourceAddress.IPV6;
    final int peerLength = v6 ? UdpProtocol.IPV6_PEER_LENGTH : UdpProtocol.IPV4_PEER_LENGTH;
    final ByteBuf out =
        ctx.alloc()
            .directBuffer(UdpProtocol.ANNOUNCE_RESPONSE_HEADER_LENGTH + peerLength * a.peerCount);
    UdpResponseWriter.writeAnnounceHeader(
        out, request.transactionId(), announceInterval, a.leechers, a.seeders);
    final long[] words = a.peerWords;
    if (v6) {
      for (int i = 0, w = 0; i < a.peerCount; i++, w += 3) {
        UdpResponseWriter.writeIpv6Peer(out, words[w], words[w + 1], PeerWords.port(words[w + 2]));
      }
    } else {
      for (int i = 0; i < a.peerCount; i++) {
        UdpResponseWriter.writeIpv4Peer(out, PeerWords.ipv4(words[i]), PeerWords.port(words[i]));
      }
    }
    send(ctx, out, sender);
    metrics.announceResponses.inc();
  }

  private void scrape(ChannelHandlerContext ctx, InetSocketAddress sender, SourceAddress source) {
    final int count = request.scrapeHashCount();
    final ByteBuf out =
        ctx.alloc()
            .directBuffer(
                UdpProtocol.scrapeResponseLength(count));
    UdpResponseWriter.writeScrapeHeader(out, request.transactionId());
    final boolean v6 = source == SourceAddress.IPV6;
    for (int i = 0; i < count; i++) {
      announce.infoHash.set(
          request.scrapeInfoHashA(i), request.scrapeInfoHashB(i), request.scrapeInfoHashC(i));
      store.scrape(announce.infoHash, v6, scrapeCounts);
      UdpResponseWriter.writeScrapeEntry(
          out, scrapeCounts.seeders, scrapeCounts.completed, scrapeCounts.leechers);
    }
    send(ctx, out, sender);
    metrics.scrapeResponses.inc();
  }

  private void sendError(ChannelHandlerContext ctx, InetSocketAddress sender, UdpErrorMessage message) {
    final ByteBuf out =
        ctx.alloc().directBuffer(UdpProtocol.ERROR_RESPONSE_HEADER_LENGTH + message.length());
    UdpResponseWriter.writeError(out, request.transactionId(), message);
    send(ctx, out, sender);
    metrics.errorResponses.inc();
  }

  private void send(ChannelHandlerContext ctx, ByteBuf out, InetSocketAddress recipient) {
    metrics.txBytes.inc(out.readableBytes());
    ctx.write(new DatagramPacket(out, recipient), ctx.voidPromise());
    wroteInBatch = true;
  }

  private void drop(ServerDropReason reason, InetSocketAddress sender) {
    metrics.dropped(reason);
    dropLog.serverDrop(reason, sender);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    now = NO_TIME;
    if (wroteInBatch) {
      wroteInBatch = false;
      ctx.flush();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Socket-level errors (e.g. ICMP port unreachable surfacing as a send failure) concern one
    // peer, never the socket: log once per window and keep serving.
    dropLog.socketError(cause);
  }
}
