package org.aquaticjava.loadtest.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.aquaticjava.loadtest.ErrorMessageCounter;
import org.aquaticjava.loadtest.LatencyRecorder;
import org.aquaticjava.loadtest.LoadWorker;
import org.aquaticjava.loadtest.OutcomeCounters;
import org.aquaticjava.loadtest.PeerEvents;
import org.aquaticjava.loadtest.PeerPool;
import org.aquaticjava.loadtest.SendPacer;
import org.aquaticjava.loadtest.SourceAddressRange;
import org.aquaticjava.loadtest.TorrentPool;
import org.aquaticjava.loadtest.WeightedChoice;
import org.aquaticjava.ws.protocol.JsonText;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageParser;
import org.aquaticjava.ws.protocol.WebTorrentClientWriter;
import org.jspecify.annotations.Nullable;

/**
 * One ws load-generating worker: a single Netty event loop owning the connections of the peers
 * {@code p} with {@code p % workers == index}. A self-rescheduling tick on the loop opens
 * connections at the configured rate, sends due requests in open loop (round robin over the
 * connections with a free in-flight slot) and expires overdue requests; in closed loop each
 * connection sends its next request as soon as the previous one is settled.
 *
 * <p>Connections, first and again: a peer whose connection the tracker closed or refused, or that
 * settled its {@code requests_per_connection}, waits in a queue to connect again; all connects
 * (first ones before reconnects) share the {@code connections_per_second} schedule, whose unused
 * time is not saved up, so a tracker that refuses everyone sees at most that rate. With a
 * {@code [sources]} block a connection is bound to a source address: peer {@code p}'s address
 * {@code p}, or with {@code requests_per_connection} the worker's next address in turn.
 *
 * <p>Thread contract as in {@link LoadWorker}: {@link #run()} drives the event loop's life cycle
 * from the worker thread; everything else except {@link #stop()} and the counters runs on the
 * event loop. The statistics are read after {@link #run()} returned (the loop's termination
 * publishes them).
 */
final class WsLoadWorker implements LoadWorker {
  /** A plausible WebRTC data-channel offer; trackers relay it opaquely. */
  static final JsonText OFFER_SDP = JsonText.of(fakeSdp("actpass"));
  /** The answer counterpart of {@link #OFFER_SDP}. */
  static final JsonText ANSWER_SDP = JsonText.of(fakeSdp("active"));

  private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** Quiet time after the last message before a stopping worker closes its connections. */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** Requests sent per tick at most, so replies are read in between. */
  private static final int SEND_BATCH = 256;
  private static final int MAX_SCRAPE_ENTRIES = 256;
  private static final int HANDSHAKE_MAX_BYTES = 8192;

  private final WsLoadTestConfig config;
  private final int index;
  private final InetSocketAddress target;
  private final URI uri;
  private final @Nullable SslContext ssl;
  private final ClientTransport transport;
  private final TorrentPool torrents;
  private final PeerPool peers;
  private final PeerEvents peerEvents;
  private final SplittableRandom random;
  private final WeightedChoice mix;
  private final boolean openLoop;
  private final long timeoutNanos;
  private final WebTorrentClientWriter writer = new WebTorrentClientWriter();
  private final TrackerMessageParser reader;
  private final TrackerMessage slot;
  private final byte[][] scrapeHashes;
  private final OutcomeCounters counters = new OutcomeCounters(WsMessageType.NAMES.size());
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final ErrorMessageCounter errorMessages = new ErrorMessageCounter();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Runnable tickTask = this::tick;
  private final WebSocketClientProtocolConfig handshake;
  /** All workers of the run (this one included), to agree on when the run has gone quiet. */
  private List<WsLoadWorker> crew = List.of(this);
  /** Written by the event loop per message, read by the other workers' drain checks. */
  private volatile long lastMessageNanos;
  /** Whether this worker has nothing in flight and has been quiet; set while draining. */
  private volatile boolean drained;

  // Event-loop confined.
  private final WsPeerConnection[] connections;
  /** Slots waiting to connect again: a ring of {@code reconnectCount} from {@code reconnectHead}. */
  private final int[] reconnectQueue;
  private int reconnectHead;
  private int reconnectCount;
  /** Connects started so far, first ones and reconnects (the connection schedule's count). */
  private long connects;
  private final @Nullable SourceAddressRange sources;
  private final int requestsPerConnection;
  private final List<WsPeerConnection> active = new ArrayList<>();
  private @Nullable Bootstrap bootstrap;
  private @Nullable EventLoop loop;
  private SendPacer pacer = SendPacer.closedLoop();
  private long startNanos;
  private int created;
  private int roundRobin;
  private boolean sending;
  private boolean closing;
  private long nextSweepNanos;
  private long opened;
  private long failed;
  private long closedByTracker;
  private long answersSent;
  private @Nullable String firstFailure;

  WsLoadWorker(
      WsLoadTestConfig config,
      int index,
      InetSocketAddress target,
      URI uri,
      @Nullable SslContext ssl,
      ClientTransport transport,
      TorrentPool torrents,
      PeerPool peers) {
    this.config = config;
    this.index = index;
    this.target = target;
    this.uri = uri;
    this.ssl = ssl;
    this.transport = transport;
    this.torrents = torrents;
    this.peers = peers;
    this.peerEvents = new PeerEvents(peers, config.workload().stoppedProbability());
    this.random = new SplittableRandom(config.workload().seed() + 0x632BE59BD9B4E019L * (index + 1));
    this.mix = new WeightedChoice(config.requests().weightAnnounce(), config.requests().weightScrape());
    this.openLoop = config.load().rate() > 0;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.load().requestTimeoutMs());
    final int maxMessage = config.network().maxMessageSize();
    this.reader = new TrackerMessageParser(maxMessage, maxMessage);
    this.slot = new TrackerMessage(maxMessage, MAX_SCRAPE_ENTRIES);
    this.scrapeHashes = new byte[config.requests().scrapeMaxTorrents()][TorrentPool.INFO_HASH_LENGTH];
    this.handshake =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .maxFramePayloadLength(maxMessage)
            .handshakeTimeoutMillis(config.network().handshakeTimeoutMs())
            .dropPongFrames(true)
            .build();
    final int owned = (peers.size() - index + config.workers() - 1) / config.workers();
    this.connections = new WsPeerConnection[owned];
    this.reconnectQueue = new int[owned];
    this.sources = config.sources().range();
    this.requestsPerConnection = config.network().requestsPerConnection();
  }

  private static String fakeSdp(String setup) {
    return "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        + "a=group:BUNDLE 0\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS\r\n"
        + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
        + "a=ice-ufrag:aqLT\r\na=ice-pwd:aquaticjavaloadtest0000\r\na=ice-options:trickle\r\n"
        + "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:"
        + "24:C2:43:F0:A1:58:D0:A1:2C:19:08\r\na=setup:" + setup + "\r\na=mid:0\r\n"
        + "a=sctp-port:5000\r\na=max-message-size:262144\r\n";
  }

  @Override
  public OutcomeCounters counters() {
    return counters;
  }

  @Override
  public LatencyRecorder latencies() {
    return latencies;
  }

  @Override
  public ErrorMessageCounter errorMessages() {
    return errorMessages;
  }

  @Override
  public void stop() {
    stopRequested.countDown();
  }

  /**
   * Tells this worker which workers run with it: it closes its connections only once all of them
   * are drained, because their requests relay offers and answers to its peers. Call before {@link
   * #run()}.
   */
  void crew(List<WsLoadWorker> workers) {
    crew = List.copyOf(workers);
  }

  /** The connection statistics; valid after {@link #run()} returned. */
  WsConnectionStats stats() {
    return new WsConnectionStats(opened, failed, closedByTracker, answersSent, firstFailure);
  }

  @Override
  public void run() {
    final MultiThreadIoEventLoopGroup group =
        transport.newSingleLoop(
            Thread.ofPlatform()
                .name(String.format(Locale.ROOT, "loadtest-ws-io-%02d", index + 1))
                .factory());
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    try {
      final EventLoop eventLoop = group.next();
      eventLoop.submit(() -> begin(eventLoop, group)).get();
      stopRequested.await();
      eventLoop.submit(() -> sending = false).get();
      final long drainDeadline = System.nanoTime() + timeoutNanos + 2 * QUIET_NANOS;
      do {
        drained = eventLoop.submit(this::isQuiet).get();
        TimeUnit.MILLISECONDS.sleep(10);
      } while (!crewDrained() && System.nanoTime() < drainDeadline);
      eventLoop.submit(this::closeAll).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.set(e);
    } catch (ExecutionException e) {
      failure.set(e.getCause());
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("ws worker " + index + " failed", failure.get());
    }
  }

  private void begin(EventLoop eventLoop, MultiThreadIoEventLoopGroup group) {
    loop = eventLoop;
    bootstrap =
        new Bootstrap()
            .group(group)
            .channel(transport.channelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.network().handshakeTimeoutMs());
    if (sources != null && transport == ClientTransport.EPOLL) {
      // Source ports picked at connect time from the whole 4-tuple (see HttpLoadWorker).
      bootstrap().option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
    }
    startNanos = System.nanoTime();
    lastMessageNanos = startNanos;
    pacer =
        openLoop
            ? SendPacer.openLoop(config.load().rate(), config.workers(), index, startNanos)
            : SendPacer.closedLoop();
    sending = true;
    tick();
  }

  private void tick() {
    if (closing) {
      return;
    }
    final long now = System.nanoTime();
    openDueConnections(now);
    long delay = MAX_TICK_NANOS;
    if (openLoop && sending) {
      sendDue(now);
      delay = Math.min(delay, pacer.nanosUntilDue(System.nanoTime()));
    }
    if (now - nextSweepNanos >= 0) {
      sweep(now - timeoutNanos);
      nextSweepNanos = now + SWEEP_NANOS;
    }
    eventLoop().schedule(tickTask, delay, TimeUnit.NANOSECONDS);
  }

  private void openDueConnections(long now) {
    if (!sending || (created == connections.length && reconnectCount == 0)) {
      return;
    }
    final double perWorkerRate = (double) config.network().connectionsPerSecond() / config.workers();
    final long due = 1 + (long) ((now - startNanos) / 1e9 * perWorkerRate);
    while (connects < due) {
      final int slot;
      if (created < connections.length) {
        slot = created++;
      } else if (reconnectCount > 0) {
        slot = reconnectQueue[reconnectHead];
        reconnectHead = reconnectHead + 1 == reconnectQueue.length ? 0 : reconnectHead + 1;
        reconnectCount--;
      } else {
        break;
      }
      final WsPeerConnection connection =
          new WsPeerConnection(
              this,
              slot,
              index + slot * config.workers(),
              config.requests().offersPerAnnounce(),
              openLoop ? config.network().maxInFlightPerConnection() : 1,
              requestsPerConnection);
      connections[slot] = connection;
      connect(connection);
      connects++;
    }
    connects = Math.max(connects, due); // time without anything to connect is not saved up
  }

  /** Queues the slot of an ended connection to connect again (once per connection). */
  private void reconnectLater(WsPeerConnection connection) {
    if (closing || !sending) {
      return;
    }
    reconnectQueue[(reconnectHead + reconnectCount) % reconnectQueue.length] = connection.slot();
    reconnectCount++;
  }

  /** The source address of a new connection, or null to let the kernel pick. */
  private @Nullable SocketAddress localAddress(WsPeerConnection connection) {
    final SourceAddressRange range = sources;
    if (range == null) {
      return null;
    }
    final long number =
        requestsPerConnection > 0
            ? index + (long) config.workers() * connects
            : index + (long) config.workers() * connection.slot();
    return new InetSocketAddress(range.address(number), 0);
  }

  private void connect(WsPeerConnection connection) {
    final Bootstrap b = bootstrap();
    b.handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                final ChannelPipeline p = ch.pipeline();
                if (ssl != null) {
                  p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), target.getPort()));
                }
                p.addLast(new HttpClientCodec());
                p.addLast(new HttpObjectAggregator(HANDSHAKE_MAX_BYTES));
                p.addLast(new WebSocketClientProtocolHandler(handshake));
                p.addLast(new WebSocketFrameAggregator(config.network().maxMessageSize()));
                p.addLast(connection);
              }
            })
        .connect(target, localAddress(connection))
        .addListener(
            future -> {
              if (!future.isSuccess()) {
                connectionFailed(connection, String.valueOf(future.cause()));
              }
            });
  }

  private void sendDue(long now) {
    for (int sent = 0; sent < SEND_BATCH && pacer.isDue(now); sent++) {
      final WsPeerConnection connection = nextSendable();
      if (connection == null) {
        return; // every connection is full: the schedule falls behind, latency shows it
      }
      connection.sendRequest(pacer.take(now));
    }
  }

  private @Nullable WsPeerConnection nextSendable() {
    for (int tried = 0; tried < active.size(); tried++) {
      roundRobin = roundRobin + 1 >= active.size() ? 0 : roundRobin + 1;
      final WsPeerConnection connection = active.get(roundRobin);
      if (connection.canSend()) {
        return connection;
      }
    }
    return null;
  }

  private void sweep(long deadline) {
    for (int i = 0; i < active.size(); i++) {
      final WsPeerConnection connection = active.get(i);
      if (connection.expire(deadline) > 0) {
        requestDone(connection);
      }
    }
  }

  private boolean isQuiet() {
    for (int i = 0; i < active.size(); i++) {
      if (active.get(i).inFlight() > 0) {
        return false;
      }
    }
    final long now = System.nanoTime();
    for (final WsLoadWorker worker : crew) {
      if (now - worker.lastMessageNanos < QUIET_NANOS) {
        return false;
      }
    }
    return true;
  }

  private boolean crewDrained() {
    for (final WsLoadWorker worker : crew) {
      if (!worker.drained) {
        return false;
      }
    }
    return true;
  }

  private void closeAll() {
    closing = true;
    sending = false;
    for (int i = 0; i < created; i++) {
      connections[i].close();
    }
  }

  private EventLoop eventLoop() {
    final EventLoop l = loop;
    if (l == null) {
      throw new IllegalStateException("worker not started");
    }
    return l;
  }

  private Bootstrap bootstrap() {
    final Bootstrap b = bootstrap;
    if (b == null) {
      throw new IllegalStateException("worker not started");
    }
    return b;
  }

  // Callbacks of the connections, on the event loop.

  void connected(WsPeerConnection connection) {
    opened++;
    active.add(connection);
    if (!openLoop && sending) {
      connection.sendRequest(System.nanoTime());
    }
  }

  void connectionFailed(WsPeerConnection connection, String reason) {
    if (closing || !connection.markEnded()) {
      return; // a handshake cut short by the end of the run, or told before
    }
    failed++;
    if (firstFailure == null) {
      firstFailure = reason;
    }
    reconnectLater(connection);
  }

  void disconnected(WsPeerConnection connection) {
    active.remove(connection);
    if (!closing && connection.markEnded()) {
      closedByTracker++;
      reconnectLater(connection);
    }
  }

  /**
   * The connection's oldest request was settled: a connection that has settled its
   * requests_per_connection is closed and replaced, else closed loop sends the next one.
   */
  void requestDone(WsPeerConnection connection) {
    if (connection.isUsedUp()) {
      connection.markEnded();
      connection.close();
      active.remove(connection);
      reconnectLater(connection);
    } else if (!openLoop && sending && connection.canSend()) {
      connection.sendRequest(System.nanoTime());
    }
  }

  void messageReceived() {
    lastMessageNanos = System.nanoTime();
  }

  void answerSent() {
    answersSent++;
  }

  boolean nextIsAnnounce() {
    return mix.pick(random) == 0;
  }

  /** Draws 1 to scrape_max_torrents info hashes by popularity into {@link #scrapeHashes()}. */
  int drawScrapeHashes() {
    final int count = random.nextInt(1, scrapeHashes.length + 1);
    final byte[] all = torrents.infoHashBytes();
    for (int i = 0; i < count; i++) {
      System.arraycopy(
          all, TorrentPool.offsetOf(torrents.sample(random)), scrapeHashes[i], 0, TorrentPool.INFO_HASH_LENGTH);
    }
    return count;
  }

  byte[][] scrapeHashes() {
    return scrapeHashes;
  }

  TorrentPool torrents() {
    return torrents;
  }

  PeerPool peers() {
    return peers;
  }

  PeerEvents peerEvents() {
    return peerEvents;
  }

  SplittableRandom random() {
    return random;
  }

  WebTorrentClientWriter writer() {
    return writer;
  }

  TrackerMessageParser reader() {
    return reader;
  }

  TrackerMessage slot() {
    return slot;
  }
}
