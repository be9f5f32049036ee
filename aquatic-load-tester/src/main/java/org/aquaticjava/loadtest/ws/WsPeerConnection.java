package org.aquaticjava.loadtest.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.aquaticjava.loadtest.PeerEvent;
import org.aquaticjava.loadtest.PeerPool;
import org.aquaticjava.loadtest.TorrentPool;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.aquaticjava.ws.protocol.ClientAnnounce;
import org.aquaticjava.ws.protocol.ClientOffer;
import org.aquaticjava.ws.protocol.MessageAction;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.jspecify.annotations.Nullable;

/**
 * One simulated WebTorrent peer: one WebSocket connection, the last handler of its pipeline. It
 * announces its torrent with fake offers and scrapes (when its {@link WsLoadWorker} says so),
 * answers every offer relayed to it, and validates and counts every message the tracker sends.
 *
 * <p>Event-loop confined: every method runs on the worker's single event loop. Per message it
 * allocates only the outgoing buffer and frame.
 */
final class WsPeerConnection extends SimpleChannelInboundHandler<WebSocketFrame> {
  /** {@code left} of a leecher's announce. */
  private static final long LEECHER_LEFT = 1_000_000;

  private final WsLoadWorker worker;
  private final int peer;
  private final int torrent;
  private final byte[] peerId = new byte[PeerPool.PEER_ID_LENGTH];
  private final byte[] infoHash = new byte[TorrentPool.INFO_HASH_LENGTH];
  private final byte[][] offerIds;
  /** One prepared announce per {@link PeerEvent}, sharing the id arrays above. */
  private final ClientAnnounce[] announces = new ClientAnnounce[PeerEvent.values().length];
  private final PendingRequests pending;
  /** Slot of this peer in its worker (the worker reconnects by slot). */
  private final int slot;
  /** Requests this connection may send; 0 = no limit (requests_per_connection). */
  private final int requestLimit;
  private int requestsSent;
  private int requestsSettled;
  /** Whether the worker was told this connection ended (failed or closed), so it is told once. */
  private boolean ended;
  private long offerCounter;
  private @Nullable Channel channel;
  private boolean open;

  WsPeerConnection(
      WsLoadWorker worker, int slot, int peer, int offers, int maxInFlight, int requestLimit) {
    this.worker = worker;
    this.slot = slot;
    this.peer = peer;
    this.requestLimit = requestLimit;
    this.torrent = worker.peers().torrentOf(peer);
    PeerPool.writePeerId(peer, peerId, 0);
    final byte[] hashes = worker.torrents().infoHashBytes();
    System.arraycopy(hashes, TorrentPool.offsetOf(torrent), infoHash, 0, infoHash.length);
    this.offerIds = new byte[offers][];
    final List<ClientOffer> offerList = new ArrayList<>(offers);
    for (int i = 0; i < offers; i++) {
      offerIds[i] = new byte[WsIds.ID_LENGTH];
      offerList.add(new ClientOffer(offerIds[i], WsLoadWorker.OFFER_SDP));
    }
    final long left = worker.peers().isSeeder(peer) ? 0 : LEECHER_LEFT;
    for (final PeerEvent event : PeerEvent.values()) {
      final boolean withOffers = event == PeerEvent.NONE || event == PeerEvent.STARTED;
      announces[event.ordinal()] =
          new ClientAnnounce(
              infoHash,
              peerId,
              wireEvent(event),
              left,
              0,
              0,
              withOffers ? offers : 0,
              withOffers ? List.copyOf(offerList) : List.of());
    }
    this.pending = new PendingRequests(maxInFlight);
  }

  private static @Nullable AnnounceEvent wireEvent(PeerEvent event) {
    return switch (event) {
      case NONE -> null;
      case COMPLETED -> AnnounceEvent.COMPLETED;
      case STARTED -> AnnounceEvent.STARTED;
      case STOPPED -> AnnounceEvent.STOPPED;
    };
  }

  /** Whether the handshake is done and the connection is still open. */
  boolean isOpen() {
    return open;
  }

  /** Whether a request may be added (open, below the in-flight and the per-connection limit). */
  boolean canSend() {
    return open && !pending.isFull() && (requestLimit == 0 || requestsSent < requestLimit);
  }

  /** Whether this connection has settled its requests_per_connection and should be replaced. */
  boolean isUsedUp() {
    return requestLimit > 0 && requestsSettled >= requestLimit && pending.isEmpty();
  }

  int slot() {
    return slot;
  }

  /** True the first time only: the worker hears of the end of a connection once. */
  boolean markEnded() {
    final boolean first = !ended;
    ended = true;
    return first;
  }

  int inFlight() {
    return pending.size();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      open = true;
      worker.connected(this);
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      worker.connectionFailed(this, "handshake timeout");
      ctx.close();
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!open) {
      worker.connectionFailed(this, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (open) {
      open = false;
      while (!pending.isEmpty()) {
        pending.removeOldest();
        worker.counters().lost();
      }
      worker.disconnected(this);
    }
    super.channelInactive(ctx);
  }

  /** Sends the next request of the mix, its latency measured from {@code start}. */
  void sendRequest(long start) {
    if (worker.nextIsAnnounce()) {
      sendAnnounce(start);
    } else {
      sendScrape(start);
    }
  }

  private void sendAnnounce(long start) {
    final PeerEvent event = worker.peerEvents().next(peer, worker.random());
    final ClientAnnounce announce = announces[event.ordinal()];
    for (int i = 0; i < announce.offers().size(); i++) {
      WsIds.writeOfferId(peer, offerCounter++, offerIds[i]);
    }
    final ByteBuf out = channel().alloc().buffer(512 + offerIds.length * 256);
    worker.writer().writeAnnounce(out, announce);
    send(out);
    pending.add(PendingRequests.ANNOUNCE, start, System.nanoTime(), 1);
    requestsSent++;
    worker.counters().sent();
  }

  private void sendScrape(long start) {
    final int count = worker.drawScrapeHashes();
    final ByteBuf out = channel().alloc().buffer(32 + count * 64);
    worker.writer().writeScrape(out, worker.scrapeHashes(), count);
    send(out);
    pending.add(PendingRequests.SCRAPE, start, System.nanoTime(), count);
    requestsSent++;
    worker.counters().sent();
  }

  private void send(ByteBuf out) {
    channel().writeAndFlush(new TextWebSocketFrame(out), channel().voidPromise());
  }

  private Channel channel() {
    final Channel c = channel;
    if (c == null) {
      throw new IllegalStateException("peer " + peer + " sent before its handshake completed");
    }
    return c;
  }

  /** Counts requests sent before {@code deadline} as lost; returns how many. */
  int expire(long deadline) {
    int expired = 0;
    while (!pending.isEmpty() && pending.oldestSent() - deadline < 0) {
      pending.loseOldest();
      worker.counters().lost();
      expired++;
    }
    requestsSettled += expired;
    return expired;
  }

  /**
   * Closes the connection with a WebSocket close frame (end of the run); requests still in flight
   * are counted as lost.
   */
  void close() {
    expire(Long.MAX_VALUE);
    open = false;
    final Channel c = channel;
    if (c != null && c.isActive()) {
      c.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (c != null) {
      c.close();
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    worker.messageReceived();
    if (!(frame instanceof TextWebSocketFrame)) {
      worker.counters().malformed();
      return;
    }
    final TrackerMessage m = worker.slot();
    switch (worker.reader().read(frame.content(), m)) {
      case ANNOUNCE_RESPONSE -> onAnnounceResponse(m);
      case SCRAPE_RESPONSE -> onScrapeResponse(m);
      case OFFER -> onOffer(m);
      case ANSWER -> onAnswer(m);
      case ERROR -> onError(m);
      case INVALID -> worker.counters().malformed();
    }
  }

  private void onAnnounceResponse(TrackerMessage m) {
    if (pending.takeOwedLate()) {
      worker.counters().late();
      return;
    }
    if (pending.isEmpty() || pending.oldestKind() != PendingRequests.ANNOUNCE) {
      worker.counters().late();
      return;
    }
    final long start = pending.oldestStart();
    pending.removeOldest();
    if (Arrays.equals(m.infoHash(), infoHash)
        && m.complete() >= 0
        && m.incomplete() >= 0
        && m.interval() > 0) {
      worker.latencies().record(start, System.nanoTime());
      worker.counters().response(WsMessageType.ANNOUNCE);
    } else {
      worker.counters().malformed();
    }
    requestsSettled++;
    worker.requestDone(this);
  }

  private void onScrapeResponse(TrackerMessage m) {
    if (pending.takeOwedLate()) {
      worker.counters().late();
      return;
    }
    if (pending.isEmpty() || pending.oldestKind() != PendingRequests.SCRAPE) {
      worker.counters().late();
      return;
    }
    final int asked = pending.oldestTorrentCount();
    pending.removeOldest();
    if (validScrape(m, asked)) {
      worker.counters().response(WsMessageType.SCRAPE);
    } else {
      worker.counters().malformed();
    }
    requestsSettled++;
    worker.requestDone(this);
  }

  /** At most one entry per hash asked for (trackers may omit unknown ones), no negative counts. */
  private static boolean validScrape(TrackerMessage m, int asked) {
    if (m.scrapeEntryCount() + m.scrapeEntriesIgnored() > asked) {
      return false;
    }
    for (int i = 0; i < m.scrapeEntryCount(); i++) {
      if (m.scrapeComplete(i) < 0 || m.scrapeIncomplete(i) < 0 || m.scrapeDownloaded(i) < 0) {
        return false;
      }
    }
    return true;
  }

  /** An offer must be for this peer's torrent, from another peer of it, with that peer's id. */
  private void onOffer(TrackerMessage m) {
    final long offerer = WsIds.peerIndexOf(m.peerId());
    if (!Arrays.equals(m.infoHash(), infoHash)
        || !isSwarmMate(offerer)
        || WsIds.offererOf(m.offerId()) != offerer) {
      worker.counters().malformed();
      return;
    }
    worker.counters().response(WsMessageType.OFFER);
    final ByteBuf out = channel().alloc().buffer(256 + WsLoadWorker.ANSWER_SDP.length());
    worker.writer().writeAnswer(out, infoHash, peerId, m.peerId(), m.offerId(), WsLoadWorker.ANSWER_SDP);
    send(out);
    pending.answerSent();
    worker.answerSent();
  }

  /** An answer must be for this peer's torrent, from a swarm mate, to one of this peer's offers. */
  private void onAnswer(TrackerMessage m) {
    if (Arrays.equals(m.infoHash(), infoHash)
        && isSwarmMate(WsIds.peerIndexOf(m.peerId()))
        && WsIds.offererOf(m.offerId()) == peer) {
      worker.counters().response(WsMessageType.ANSWER);
    } else {
      worker.counters().malformed();
    }
  }

  private boolean isSwarmMate(long other) {
    return other >= 0
        && other < worker.peers().size()
        && other != peer
        && worker.peers().torrentOf((int) other) == torrent;
  }

  /**
   * Counts the error by reason and settles what it replies to ({@link PendingRequests}): an answer
   * sent before the oldest request, else the oldest request if the error's action is its kind or
   * the error has no action.
   */
  private void onError(TrackerMessage m) {
    final String reason = m.failureReason();
    final byte[] text = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
    worker.errorMessages().count(Unpooled.wrappedBuffer(text), 0, text.length);
    worker.counters().error();
    if (pending.takeOwedLate() || pending.takeAnswerError()) {
      return;
    }
    final byte kind =
        m.action() == MessageAction.ANNOUNCE
            ? PendingRequests.ANNOUNCE
            : m.action() == MessageAction.SCRAPE ? PendingRequests.SCRAPE : -1;
    // An error without an action replies to whatever message it refuses without reading it (a
    // source over its rate limit, an internal error): the oldest request, whatever its kind.
    final boolean anyKind = m.action() == MessageAction.NONE;
    if (!pending.isEmpty() && (anyKind || pending.oldestKind() == kind)) {
      pending.removeOldest();
      requestsSettled++;
      worker.requestDone(this);
    }
  }
}
