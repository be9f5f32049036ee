package org.aquaticjava.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.limit.SourceLimits.Verdict;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.metrics.DistinctErrorLog;
import org.aquaticjava.core.metrics.IncidentLog;
import org.aquaticjava.core.swarm.IdWords;
import org.aquaticjava.core.swarm.PeerAddress;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.core.worker.Supervisor;
import org.aquaticjava.ws.SwarmAnnounce.Kind;
import org.aquaticjava.ws.WsMetrics.AnswerRefusal;
import org.aquaticjava.ws.WsMetrics.Limit;
import org.aquaticjava.ws.WsMetrics.MessageType;
import org.aquaticjava.ws.WsMetrics.ProtocolViolation;
import org.aquaticjava.ws.WsMetrics.RequestType;
import org.aquaticjava.ws.protocol.WsAnnounceEvent;
import org.aquaticjava.ws.protocol.WsRequest;
import org.aquaticjava.ws.protocol.JsonText;
import org.aquaticjava.ws.protocol.MessageAction;
import org.aquaticjava.ws.protocol.ReadError;
import org.aquaticjava.ws.protocol.ReadLimits;
import org.aquaticjava.ws.protocol.WsRequestParser;
import org.aquaticjava.ws.protocol.WebTorrentJsonWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One socket worker: the state of one Netty event loop for the WebSocket connections it owns. It
 * reads each message with its own reusable {@link WsRequest}, applies it to the shared {@link
 * WsSwarmStore}, replies on the connection and relays offers and answers to the connections of
 * other peers (on any loop). What it writes, to the connections of any loop, is flushed once per
 * connection when this loop's I/O batch is done. Once a second it sweeps its connections for the
 * handshake, idle, send and ping timeouts.
 *
 * <p>Per-source limits ({@code [rate_limit]}, {@link SourceLimits}, one table set per worker,
 * keyed by the TCP peer address): each upgrade request takes a token of its source's {@code
 * ws_connections} bucket ({@link #connectionVerdict}), each message one of its {@code ws_messages}
 * bucket, after the connection's own {@code limits.max_messages_per_second}. A message over its
 * source's limit closes its connection with 1013 (try again later), preceded by an error message
 * the first time in the source's notice interval; so does a scrape beyond the source's distinct
 * scraped torrents ({@code [rate_limit.scraped_torrents]}). Malformed upgrade requests, broken
 * frames, invalid UTF-8 and messages that are not valid WebTorrent JSON are strikes towards a ban
 * of the source ({@code [rate_limit.bans]}); a banned source's upgrades and messages get only a
 * close.
 *
 * <p>While the worker is saturated ({@code [overload]}, {@link LoadShedding}), announces are
 * answered with the raised interval.
 *
 * <p><b>Single-threaded:</b> every method runs on {@link #loop}. Allocation per message: the
 * outgoing buffer (pooled, framed in place by {@link ServerTextFrame}) and its write promise
 * (Netty's; the outbound queue's accounting needs its completion). Reading allocates nothing: the
 * {@link WsRequestParser} works in this worker's {@link WsRequest}.
 */
final class WsSocketWorker {
  private static final Logger log = LoggerFactory.getLogger(WsSocketWorker.class);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** Room for the fixed part of any message: keys, counts and up to three escaped ids. */
  private static final int FIXED_MESSAGE_SIZE = 512;
  private static final int SCRAPE_ENTRY_SIZE = 256;
  private static final Duration VIOLATION_LOG_WINDOW = Duration.ofMinutes(1);

  static final JsonText INFO_HASH_NOT_ALLOWED = JsonText.of("Info hash not allowed");
  static final JsonText PEER_ID_CHANGED = JsonText.of("Only one peer id can be used per torrent");
  static final JsonText OFFER_NOT_FOUND =
      JsonText.of("Could not find the offer corresponding to your answer. It may have expired.");
  static final JsonText FULL_SCRAPE = JsonText.of("Full scrapes are not allowed");
  static final JsonText TOO_MANY_TORRENTS = JsonText.of("Too many torrents on this connection");
  static final JsonText INTERNAL_ERROR = JsonText.of("Internal error");
  static final JsonText RATE_LIMITED =
      JsonText.of("Too many messages from your address, retry later");
  static final JsonText TOO_MANY_TORRENTS_SCRAPED =
      JsonText.of("Too many distinct torrents scraped from your address, retry later");

  final int index;
  /** How many socket workers the tracker has (each connection keeps a flush mark per worker). */
  private final int workerCount;
  final EventLoop loop;
  private final WsConfig config;
  private final ServerClock clock;
  private final WsSwarmStore store;
  private final AccessListHolder accessList;
  final WsMetrics metrics;
  private final WsMetrics.Family ipv4;
  private final WsMetrics.Family ipv6;
  private final WsRequestParser reader;
  private final WsRequest message;
  private final WebTorrentJsonWriter writer = new WebTorrentJsonWriter();
  private final SwarmAnnounce announce;
  private final int[] counts = new int[3];
  private final IncidentLog incidents;
  private final DistinctErrorLog<ProtocolViolation> violations;
  private final Stopping stopping;
  private final SourceLimits sourceLimits;
  /** The canonical address of the connection being opened (event loop only). */
  private final PeerAddress opening = new PeerAddress();
  private final LoadShedding shedding;
  private final long idleNanos;
  private final long sendTimeoutNanos;
  private final long handshakeTimeoutNanos;
  private final long pingNanos;
  private WsConnection[] connections = new WsConnection[16];
  private int connectionCount;
  /** Connections of this loop written to but not flushed yet (see {@link #flushLater}). */
  private WsConnection[] unflushed = new WsConnection[16];
  private int unflushedCount;
  private final Runnable flushWritten = this::flushWritten;

  WsSocketWorker(
      int index,
      int workerCount,
      EventLoop loop,
      WsConfig config,
      ServerClock clock,
      WsSwarmStore store,
      AccessListHolder accessList,
      WsMetrics metrics,
      Stopping stopping,
      LoadShedding shedding) {
    this.index = index;
    this.shedding = shedding;
    this.workerCount = workerCount;
    this.loop = loop;
    this.config = config;
    this.clock = clock;
    this.store = store;
    this.accessList = accessList;
    this.metrics = metrics;
    this.ipv4 = metrics.forWorker(index, "4");
    this.ipv6 = metrics.forWorker(index, "6");
    final WsConfig.Limits limits = config.limits();
    this.reader =
        new WsRequestParser(
            new ReadLimits(
                limits.maxMessageSize(),
                ReadLimits.DEFAULTS.maxNestingDepth(),
                config.protocol().maxOffers(),
                limits.maxMessageSize(),
                config.protocol().maxScrapeTorrents()));
    this.message = reader.newMessage();
    this.announce = new SwarmAnnounce(config.protocol().maxOffers());
    final String name = Supervisor.workerName("socket", index);
    this.incidents = new IncidentLog(log, name);
    this.violations =
        new DistinctErrorLog<>(
            ProtocolViolation.class, log, Level.DEBUG, name, VIOLATION_LOG_WINDOW, System::nanoTime);
    this.stopping = stopping;
    this.sourceLimits =
        new SourceLimits(
            config.rateLimit(),
            EnumSet.of(SourceLimits.Kind.WS_MESSAGE, SourceLimits.Kind.WS_CONNECTION),
            metrics.sourceLimits(index));
    this.idleNanos = config.cleaning().maxConnectionIdle() * NANOS_PER_SECOND;
    this.sendTimeoutNanos = limits.sendTimeout() * NANOS_PER_SECOND;
    this.handshakeTimeoutNanos = limits.handshakeTimeout() * NANOS_PER_SECOND;
    this.pingNanos = config.cleaning().pingInterval() * NANOS_PER_SECOND;
  }

  /** Starts the once-a-second sweep of this worker's connections. */
  void startSweeping() {
    loop.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  long nanos() {
    return clock.nanosSinceStart();
  }

  // ---- connections ----

  /** A new connection of this loop, before its handshake. */
  WsConnection open(Channel channel, boolean v6) {
    final long now = nanos();
    final WsConfig.Limits limits = config.limits();
    opening.set(((InetSocketAddress) channel.remoteAddress()).getAddress());
    final WsConnection connection =
        new WsConnection(
            channel,
            v6,
            sourceLimits.key(opening),
            v6 ? ipv6 : ipv4,
            metrics,
            limits.maxQueuedMessages(),
            new TokenBucket(limits.maxMessagesPerSecond(), limits.messageBurst(), now),
            workerCount,
            now);
    if (connectionCount == connections.length) {
      final WsConnection[] grown = new WsConnection[connectionCount * 2];
      System.arraycopy(connections, 0, grown, 0, connectionCount);
      connections = grown;
    }
    connection.registryIndex = connectionCount;
    connections[connectionCount++] = connection;
    return connection;
  }

  /**
   * Takes one token of the connection's source's {@code ws_connections} bucket, for its upgrade
   * request: whether to upgrade, or how to refuse ({@link UpgradeRequestCheck}).
   */
  Verdict connectionVerdict(WsConnection connection) {
    return sourceLimits.request(SourceLimits.Kind.WS_CONNECTION, connection.sourceKey, nanos());
  }

  /** The BEP 31 minutes (the notice interval, rounded up) a limited source is told to wait. */
  int retryInMinutes() {
    return sourceLimits.retryInMinutes();
  }

  void handshakeCompleted(WsConnection connection) {
    connection.handshakeDone = true;
    connection.lastRequestNanos = nanos();
    connection.family.activeConnections.inc();
  }

  /** The connection closed: all its peers leave their swarms now, then it is forgotten. */
  void closed(WsConnection connection) {
    connection.leaveAllSwarms(store);
    if (connection.handshakeDone) {
      connection.handshakeDone = false;
      connection.family.activeConnections.dec();
    }
    final int i = connection.registryIndex;
    if (i >= 0) {
      final int last = --connectionCount;
      final WsConnection moved = connections[last];
      connections[i] = moved;
      moved.registryIndex = i;
      connections[last] = null;
      connection.registryIndex = -1;
    }
  }

  /**
   * Closes every connection of this loop: the tracker is stopping. Their deregistration (which
   * releases each pipeline's buffers) runs as later tasks of this loop.
   */
  void closeAll() {
    for (int i = connectionCount - 1; i >= 0; i--) {
      connections[i].channel.close(); // closed() may move a later, already closed one here
    }
  }

  void writabilityChanged(WsConnection connection) {
    connection.unwritableSinceNanos = connection.channel.isWritable() ? 0 : Math.max(1, nanos());
  }

  void connectionError(WsConnection connection, Throwable cause) {
    incidents.socketError(connection.channel.remoteAddress(), cause);
  }

  /** The client broke the protocol: counted, and logged at debug (it is not the operator's problem). */
  void protocolViolation(WsConnection connection, ProtocolViolation violation, Throwable detail) {
    metrics.protocolViolation(violation);
    sourceLimits.invalid(connection.sourceKey, nanos());
    violations.record(violation, connection.channel.remoteAddress(), detail);
  }

  /** Closes connections past a timeout and pings quiet ones. */
  private void sweep() {
    try {
      final long now = nanos();
      for (int i = connectionCount - 1; i >= 0; i--) {
        sweep(connections[i], now);
      }
    } catch (RuntimeException e) { // a failed sweep must not cancel the schedule
      internalError(e);
    }
  }

  private void sweep(WsConnection c, long now) {
    if (!c.channel.isActive()) {
      return; // closing; channelInactive will deregister it
    }
    if (!c.handshakeDone) {
      if (now - c.openedNanos > handshakeTimeoutNanos) {
        metrics.limitHit(Limit.HANDSHAKE_TIMEOUT);
        c.channel.close();
      }
    } else if (c.stalledNanos(now) > sendTimeoutNanos) {
      metrics.limitHit(Limit.SEND_TIMEOUT);
      c.channel.close(); // it reads nothing, so a close frame would only queue behind the rest
    } else if (now - c.lastRequestNanos > idleNanos) {
      metrics.limitHit(Limit.IDLE_TIMEOUT);
      closeWith(c, WebSocketCloseStatus.NORMAL_CLOSURE, "idle timeout");
    } else if (pingNanos > 0) {
      if (now - c.lastFrameNanos > 2 * pingNanos) {
        metrics.limitHit(Limit.PING_TIMEOUT);
        closeWith(c, WebSocketCloseStatus.NORMAL_CLOSURE, "no pong");
      } else if (now - c.lastFrameNanos >= pingNanos && now - c.lastPingNanos >= pingNanos) {
        c.lastPingNanos = now;
        c.sendControl(new PingWebSocketFrame(), null);
      }
    }
  }

  /** Sends a close frame and closes once it is written (at once if the queue cannot take it). */
  static void closeWith(WsConnection c, WebSocketCloseStatus status, String reason) {
    closeWith(c, new CloseWebSocketFrame(status, reason));
  }

  private static void closeWith(WsConnection c, CloseWebSocketFrame frame) {
    if (!c.sendControl(frame, ChannelFutureListener.CLOSE)) {
      c.channel.close();
    }
  }

  /**
   * A ping from the client: answered with a pong through the connection's bounded queue, and
   * counted against its message rate like any message, so a ping flood costs no more than a
   * message flood. Pings over the rate get no pong (RFC 6455 §5.5.3 lets an endpoint answer only
   * the latest).
   */
  void onPing(WsConnection c, PingWebSocketFrame ping) {
    final long nowNanos = nanos();
    c.lastFrameNanos = nowNanos;
    if (!c.rate.tryTake(nowNanos)) {
      metrics.limitHit(Limit.MESSAGE_RATE);
      ping.release();
      return;
    }
    c.sendControl(new PongWebSocketFrame(ping.content()), null);
  }

  /**
   * The client's close frame: echoed through the bounded queue, then the connection is closed;
   * closed at once if the queue cannot take the echo.
   */
  void onClose(WsConnection c, CloseWebSocketFrame close) {
    closeWith(c, close);
  }

  // ---- messages ----

  /** Handles one client message (text or binary frame content, UTF-8 JSON). Never throws. */
  void onMessage(WsConnection c, ByteBuf content) {
    if (stopping.stopping() || c.sourceLimited) {
      return; // no more relays: the other event loops may be shutting down; or closing
    }
    final long nowNanos = nanos();
    c.lastFrameNanos = nowNanos;
    if (!c.rate.tryTake(nowNanos)) {
      metrics.limitHit(Limit.MESSAGE_RATE);
      return;
    }
    final Verdict verdict = sourceLimits.request(SourceLimits.Kind.WS_MESSAGE, c.sourceKey, nowNanos);
    if (verdict != Verdict.ALLOWED) {
      sourceLimited(c, verdict, RATE_LIMITED);
      return;
    }
    try {
      switch (reader.parse(content, message)) {
        case ANNOUNCE -> announce(c, nowNanos);
        case SCRAPE -> scrape(c, nowNanos);
        case ERROR -> invalid(c);
      }
    } catch (RuntimeException e) {
      announce.releaseReferences();
      internalError(e);
      send(c, error(c, INTERNAL_ERROR, MessageAction.NONE, null), MessageType.ERROR);
    }
  }

  /** Closes a connection whose source is over a limit; the notice first if it is due. */
  private void sourceLimited(WsConnection c, Verdict verdict, JsonText reason) {
    c.sourceLimited = true;
    if (verdict == Verdict.NOTIFY) {
      send(c, error(c, reason, MessageAction.NONE, null), MessageType.ERROR);
      c.channel.flush();
    }
    closeWith(c, WebSocketCloseStatus.TRY_AGAIN_LATER, "rate limited");
  }

  private void internalError(RuntimeException e) {
    metrics.internalError();
    incidents.internalError(e);
  }

  private void announce(WsConnection c, long nowNanos) {
    final WsRequest m = message;
    c.family.request(RequestType.ANNOUNCE);
    final byte[] infoHash = m.infoHash();
    final SwarmAnnounce a = announce;
    a.infoHash(infoHash, 0);
    if (!accessList.current().allows(a.infoHashA, a.infoHashB, a.infoHashC)) {
      send(c, error(c, INFO_HASH_NOT_ALLOWED, MessageAction.ANNOUNCE, infoHash), MessageType.ERROR);
      return;
    }
    a.peerId(m.peerId(), 0);
    final int known = c.findTorrent(a.infoHashA, a.infoHashB, a.infoHashC);
    if (known >= 0 && !c.peerIdIs(known, a.peerA, a.peerB, a.peerC)) {
      peerIdChanged(c, infoHash);
      return;
    }
    final boolean stopped = m.event() == WsAnnounceEvent.STOPPED;
    a.kind = stopped ? Kind.STOPPED : m.hasAnswer() && m.offerCount() == 0 ? Kind.ANSWER_ONLY : Kind.UPSERT;
    if (known < 0 && a.kind == Kind.UPSERT
        && c.torrentCount() >= config.limits().maxTorrentsPerConnection()) {
      metrics.limitHit(Limit.TORRENTS_PER_CONNECTION);
      send(c, error(c, TOO_MANY_TORRENTS, MessageAction.ANNOUNCE, infoHash), MessageType.ERROR);
      return;
    }
    if (m.offersIgnored() > 0) {
      metrics.limitHit(Limit.OFFERS_PER_ANNOUNCE, m.offersIgnored());
    }
    metrics.offersSkipped(m);
    a.ipv6 = c.ipv6;
    a.owner = c;
    a.seeder = m.left() == 0;
    a.completed = m.event() == WsAnnounceEvent.COMPLETED;
    a.offerIds = m.offerIds();
    a.offerCount = m.offerCount();
    a.answer = false;
    if (m.hasAnswer()) {
      a.answer(m.toPeerId(), m.answerOfferId());
    }
    store.announce(a, (int) (nowNanos / NANOS_PER_SECOND));
    try {
      switch (a.outcome) {
        case PEER_ID_TAKEN -> {
          metrics.limitHit(Limit.PEER_ID_TAKEN); // silently ignored, like aquatic
          return;
        }
        case HASH_COLLISION -> {
          send(c, error(c, INTERNAL_ERROR, MessageAction.ANNOUNCE, infoHash), MessageType.ERROR);
          return;
        }
        case ACCEPTED -> c.lastRequestNanos = nowNanos;
      }
      if (stopped) {
        if (known >= 0) {
          c.removeTorrentAt(known); // a later announce may use a new peer id (aquatic 0.9)
        }
      } else if (known < 0 && a.peerPresent) {
        c.addTorrent(a.infoHashA, a.infoHashB, a.infoHashC, a.peerA, a.peerB, a.peerC);
      }
      relayAnswer(c, a, m, infoHash);
      relayOffers(a, m);
      if (a.kind != Kind.ANSWER_ONLY) {
        // No announce response to an answer: like the reference tracker (aquatic #18); the
        // reference client would only restart its re-announce timer on it.
        final ByteBuf out = ServerTextFrame.allocate(c.channel.alloc(), FIXED_MESSAGE_SIZE);
        writer.writeAnnounceResponse(
            out, infoHash, 0, a.seeders, a.leechers, shedding.announceInterval(), null);
        send(c, out, MessageType.ANNOUNCE);
      }
    } finally {
      a.releaseReferences();
    }
  }

  private void peerIdChanged(WsConnection c, byte[] infoHash) {
    metrics.limitHit(Limit.PEER_ID_CHANGE);
    send(c, error(c, PEER_ID_CHANGED, MessageAction.ANNOUNCE, infoHash), MessageType.ERROR);
    if (config.protocol().peerIdChange() == PeerIdChangeAction.CLOSE) {
      c.channel.flush();
      closeWith(c, WebSocketCloseStatus.POLICY_VIOLATION, "one peer id per torrent");
    }
  }

  private void relayAnswer(WsConnection c, SwarmAnnounce a, WsRequest m, byte[] infoHash) {
    switch (a.answerOutcome) {
      case NONE -> { }
      case RELAY -> {
        final WsConnection target = (WsConnection) a.answerTarget;
        final ByteBuf out =
            ServerTextFrame.allocate(target.channel.alloc(), FIXED_MESSAGE_SIZE + m.answerSdpLength());
        writer.writeAnswerRelay(out, m);
        send(target, out, MessageType.ANSWER);
      }
      case NO_MATCHING_OFFER -> {
        metrics.answerRefused(AnswerRefusal.NO_MATCHING_OFFER);
        send(c, error(c, OFFER_NOT_FOUND, MessageAction.ANNOUNCE, infoHash), MessageType.ERROR);
      }
      case UNKNOWN_OFFERER -> metrics.answerRefused(AnswerRefusal.UNKNOWN_OFFERER);
    }
  }

  private void relayOffers(SwarmAnnounce a, WsRequest m) {
    for (int i = 0; i < a.targetCount; i++) {
      final WsConnection target = (WsConnection) a.targets[i];
      final ByteBuf out =
          ServerTextFrame.allocate(target.channel.alloc(), FIXED_MESSAGE_SIZE + m.offerSdpLength(i));
      writer.writeOfferRelay(out, m, i);
      send(target, out, MessageType.OFFER);
    }
  }

  /**
   * Sends a reply, or an offer or answer relayed to another peer's connection, on this loop or on
   * any other: unflushed, with one flush per connection once this loop's I/O batch is done
   * ({@link #flushLater}).
   */
  private void send(WsConnection target, ByteBuf out, MessageType type) {
    if (target.send(out, type)) {
      flushLater(target);
    }
  }

  /**
   * Flushes a connection once this loop has handled the I/O batch it is in: one task, queued by the
   * first such write, flushes every connection written to. The replies and relays a batch of reads
   * produces for one connection thus leave in one write call, not one each. For a connection of
   * another loop, Netty queues each write on that loop without waking it, and the flush after them
   * (one task, which wakes it): that loop writes what this batch sent it with one write call.
   */
  private void flushLater(WsConnection c) {
    if (c.flushPending[index]) {
      return;
    }
    if (unflushedCount == 0) {
      loop.execute(flushWritten); // runs after the I/O batch, in the same turn of the loop
    }
    if (unflushedCount == unflushed.length) {
      unflushed = Arrays.copyOf(unflushed, unflushedCount * 2);
    }
    unflushed[unflushedCount++] = c;
    c.flushPending[index] = true;
  }

  private void flushWritten() {
    for (int i = 0; i < unflushedCount; i++) {
      final WsConnection c = unflushed[i];
      unflushed[i] = null;
      c.flushPending[index] = false;
      c.channel.flush(); // a no-op once closed
    }
    unflushedCount = 0;
  }

  private void scrape(WsConnection c, long nowNanos) {
    final WsRequest m = message;
    c.family.request(RequestType.SCRAPE);
    if (m.fullScrape()) {
      send(c, error(c, FULL_SCRAPE, MessageAction.SCRAPE, null), MessageType.ERROR);
      return;
    }
    if (m.scrapeHashesIgnored() > 0) {
      metrics.limitHit(Limit.SCRAPE_TORRENTS, m.scrapeHashesIgnored());
    }
    final int n = m.scrapeHashCount();
    final byte[] hashes = m.scrapeHashes();
    for (int i = 0; i < n; i++) {
      final int o = i * IdWords.LENGTH;
      final Verdict verdict =
          sourceLimits.scrapedTorrent(
              c.sourceKey, IdWords.a(hashes, o), IdWords.b(hashes, o), IdWords.c(hashes, o), nowNanos);
      if (verdict != Verdict.ALLOWED) {
        sourceLimited(c, verdict, TOO_MANY_TORRENTS_SCRAPED);
        return;
      }
    }
    final ByteBuf out =
        ServerTextFrame.allocate(c.channel.alloc(), FIXED_MESSAGE_SIZE + n * SCRAPE_ENTRY_SIZE);
    writer.beginScrapeResponse(out);
    for (int i = 0; i < n; i++) {
      final int o = i * IdWords.LENGTH;
      store.scrape(c.ipv6, IdWords.a(hashes, o), IdWords.b(hashes, o), IdWords.c(hashes, o), counts);
      // Unknown hashes are zeros, never left out: an empty files object is an error to the
      // reference client (aquatic #16). downloaded counts completed events (aquatic says 0).
      writer.writeScrapeEntry(out, i, hashes, o, counts[0], counts[1], counts[2]);
    }
    writer.endScrapeResponse(out);
    c.lastRequestNanos = nowNanos;
    send(c, out, MessageType.SCRAPE);
  }

  private void invalid(WsConnection c) {
    c.family.request(RequestType.INVALID);
    sourceLimits.invalid(c.sourceKey, nanos());
    final ReadError error = message.error();
    if (error != null) {
      metrics.invalid(error);
    }
    final ByteBuf out = ServerTextFrame.allocate(c.channel.alloc(), FIXED_MESSAGE_SIZE);
    writer.writeError(out, message);
    send(c, out, MessageType.ERROR);
  }

  private ByteBuf error(WsConnection c, JsonText reason, MessageAction action, byte @Nullable [] infoHash) {
    final ByteBuf out = ServerTextFrame.allocate(c.channel.alloc(), FIXED_MESSAGE_SIZE);
    writer.writeError(out, reason, action, infoHash, 0);
    return out;
  }
}
