package org.aquaticjava.loadtest.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
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
import org.aquaticjava.netty.IoTransport;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP load-generating worker: a single-threaded Netty event loop with its {@link Connection}
 * slots, each carrying at most one request at a time. It owns the peers {@code p} with {@code p %
 * workers == index}, so their announce life cycle is single-writer.
 *
 * <p>Requests go out whenever the {@link SendPacer} is due and a slot is ready: after each reply,
 * and on a periodic tick (open loop: about once per scheduled request, at most every millisecond).
 * A ready slot is an idle keep-alive connection, or in connection-per-request mode a slot without
 * a connection; there the latency clock starts before the connect. Ready slots wait in a queue, so
 * picking one is O(1) however many connections there are, and requests go round them in turn.
 * Every few milliseconds a sweep gives up requests older than the timeout (lost, connection
 * closed) and reconnects idle keep-alive slots whose connect failed, or whose connection the
 * tracker closed without answering (a tracker that refuses a source, e.g. one over its rate limit
 * or banned, is not hammered with reconnects).
 *
 * <p>With a {@code [sources]} address block every connection is bound to a loopback source
 * address: keep-alive slot {@code s} of worker {@code w} always to address {@code w + workers * s},
 * a connection per request to the worker's next address in turn. The addresses of keep-alive slots
 * are made once; a connection per request makes its address with its channel.
 *
 * <p>Thread contract as in {@link LoadWorker}: {@link #run()} runs on the driver's worker thread,
 * which only starts the event loop, waits for {@link #stop()} and shuts the loop down; all counting
 * happens on the event loop thread (single writer).
 */
final class HttpLoadWorker implements LoadWorker {
  /** Largest reply body accepted; bigger replies are malformed. */
  private static final int MAX_REPLY_BYTES = 1024 * 1024;
  private static final int MAX_REPLY_LINE = 4096;
  private static final int MAX_REPLY_HEADERS = 16 * 1024;
  private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
  /** {@code left} of a leecher's announce. */
  private static final long LEECHER_LEFT = 1_000_000;

  private final HttpLoadTestConfig config;
  private final int index;
  private final InetSocketAddress target;
  private final IoTransport transport;
  private final @Nullable SslContext tls;
  private final TorrentPool torrents;
  private final PeerPool peers;
  private final PeerEvents peerEvents;
  private final SplittableRandom random;
  private final WeightedChoice mix;
  private final RequestWriter requestWriter;
  private final ReplyValidator validator = new ReplyValidator();
  private final boolean keepAlive;
  private final boolean resumeSessions;
  private final int ownedPeers;
  private final int numWant;
  private final long timeoutNanos;
  private final Connection[] connections;
  private final @Nullable SourceAddressRange sources;
  /** Connections this worker opened so far in connection-per-request mode (its next address). */
  private long perRequestConnects;
  /**
   * Slots ready for a request, oldest first: a ring of {@code readyCount} from {@code readyHead}.
   * First in, first out, so a fixed rate goes round all connections as it would round many
   * clients, instead of reusing the slot freed last (which would load a few connections, and with
   * [sources] a few source addresses, with nearly everything).
   */
  private final int[] ready;
  private int readyHead;
  private final byte[][] scrapeHashes;
  /** {@code scrapeLists.get(n - 1)} holds the first n of the reusable {@code scrapeHashes}. */
  private final List<List<byte[]>> scrapeLists;
  private final byte[] infoHash = new byte[TorrentPool.INFO_HASH_LENGTH];
  private final byte[] peerId = new byte[PeerPool.PEER_ID_LENGTH];

  private final OutcomeCounters counters = new OutcomeCounters(ReplyKind.NAMES.size());
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final ErrorMessageCounter errorMessages = new ErrorMessageCounter();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch drained = new CountDownLatch(1);

  private volatile @Nullable Throwable failure;
  private SendPacer pacer = SendPacer.closedLoop();
  /** Whether requests may go out: open-loop keep-alive runs wait for their first connects. */
  private boolean sending;
  /** Initial keep-alive connects still outstanding before an open-loop schedule starts. */
  private int connectsBeforeSchedule;
  private @Nullable Bootstrap bootstrap;
  private int readyCount;
  private int inFlight;
  private boolean draining;
  private long nextSweepNanos;
  // Connection and reply statistics, event-loop confined; read after run() returned.
  private long opened;
  private long connectFailures;
  private long closedByTracker;
  private long status429;
  private long retryIn;
  private @Nullable String firstConnectFailure;

  HttpLoadWorker(
      HttpLoadTestConfig config,
      int index,
      InetSocketAddress target,
      IoTransport transport,
      @Nullable SslContext tls,
      TorrentPool torrents,
      PeerPool peers) {
    this.config = config;
    this.index = index;
    this.target = target;
    this.transport = transport;
    this.tls = tls;
    this.torrents = torrents;
    this.peers = peers;
    this.peerEvents = new PeerEvents(peers, config.workload().stoppedProbability());
    this.random = new SplittableRandom(config.workload().seed() + 0x632BE59BD9B4E019L * (index + 1));
    this.mix = new WeightedChoice(config.requests().weightAnnounce(), config.requests().weightScrape());
    this.keepAlive = config.network().keepAlive();
    this.resumeSessions = config.network().tlsResumeSessions();
    this.requestWriter = new RequestWriter(target, keepAlive);
    this.ownedPeers = (peers.size() - index + config.workers() - 1) / config.workers();
    this.numWant = config.requests().announcePeersWanted();
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.load().requestTimeoutMs());
    final int total = config.network().connections();
    final int mine = total / config.workers() + (index < total % config.workers() ? 1 : 0);
    this.connections = new Connection[mine];
    this.ready = new int[mine];
    this.sources = config.sources().range();
    for (int i = 0; i < mine; i++) {
      connections[i] = new Connection(i, this);
      if (sources != null && keepAlive) {
        connections[i].localAddress =
            new InetSocketAddress(sources.address(index + (long) config.workers() * i), 0);
      }
    }
    this.scrapeHashes = new byte[config.requests().scrapeMaxTorrents()][];
    final List<List<byte[]>> lists = new ArrayList<>();
    for (int i = 0; i < scrapeHashes.length; i++) {
      scrapeHashes[i] = new byte[TorrentPool.INFO_HASH_LENGTH];
      lists.add(List.of(Arrays.copyOf(scrapeHashes, i + 1)));
    }
    this.scrapeLists = List.copyOf(lists);
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

  /** The connection and reply statistics; valid after {@link #run()} returned. */
  HttpConnectionStats stats() {
    return new HttpConnectionStats(
        opened, connectFailures, closedByTracker, status429, retryIn, firstConnectFailure);
  }

  @Override
  public void stop() {
    stopRequested.countDown();
  }

  @Override
  public void run() {
    final EventLoopGroup group =
        transport.newEventLoopGroup(
            1, new DefaultThreadFactory(Thread.currentThread().getName() + "-io", true));
    try {
      final EventLoop loop = group.next();
      loop.execute(guarded(() -> start(loop)));
      while (!stopRequested.await(100, TimeUnit.MILLISECONDS)) {
        rethrowFailure();
      }
      loop.execute(guarded(this::beginDrain));
      drained.await(timeoutNanos + TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.NANOSECONDS);
      loop.submit(guarded(this::finish)).sync();
      rethrowFailure();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private void rethrowFailure() {
    final Throwable cause = failure;
    if (cause != null) {
      throw new IllegalStateException("http load worker " + index + " failed: " + cause, cause);
    }
  }

  /** Wraps event loop work so an unexpected exception fails the run instead of vanishing. */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        failure = e;
        drained.countDown();
        throw e;
      }
    };
  }

  private void start(EventLoop loop) {
    final @Nullable SslContext ssl = tls;
    final Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(transport.socketChannelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.network().connectTimeoutMs())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    // Registration may run before or after connect() adds the slot's handler, so
                    // the codec goes in front either way: [TLS,] decoder, aggregator, slot.
                    channel
                        .pipeline()
                        .addFirst(new HttpObjectAggregator(MAX_REPLY_BYTES))
                        .addFirst(new HttpResponseDecoder(MAX_REPLY_LINE, MAX_REPLY_HEADERS, 8192));
                    if (ssl != null) {
                      // Writes wait in the SslHandler until its handshake is done. With the
                      // peer's host and port the context's session cache offers an earlier
                      // session; without them every handshake is a full one.
                      channel
                          .pipeline()
                          .addFirst(
                              resumeSessions
                                  ? ssl.newHandler(
                                      channel.alloc(), target.getHostString(), target.getPort())
                                  : ssl.newHandler(channel.alloc()));
                    }
                  }
                });
    if (sources != null && transport == IoTransport.EPOLL) {
      // Pick the source port at connect time from the whole 4-tuple, not at bind time per
      // address: one source address then serves more connections than the ephemeral range.
      b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
    }
    bootstrap = b;
    final long now = System.nanoTime();
    final int rate = config.load().rate();
    long tickNanos = SWEEP_NANOS;
    if (rate > 0) {
      // The schedule starts once the keep-alive connections are up: connection set-up (and the
      // client's own warm-up) is not the tracker's latency.
      connectsBeforeSchedule = keepAlive ? connections.length : 0;
      final long perWorkerInterval = 1_000_000_000L * config.workers() / rate;
      tickNanos = Math.clamp(perWorkerInterval, MIN_TICK_NANOS, TimeUnit.MILLISECONDS.toNanos(1));
    }
    nextSweepNanos = now + SWEEP_NANOS;
    if (connectsBeforeSchedule == 0) {
      startSending();
    }
    for (final Connection connection : connections) {
      if (keepAlive) {
        connect(connection, Connection.CONNECTING);
      } else {
        markReady(connection, Connection.DISCONNECTED);
      }
    }
    loop.scheduleAtFixedRate(guarded(this::tick), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    pump();
  }

  private void startSending() {
    final int rate = config.load().rate();
    if (rate > 0) {
      pacer = SendPacer.openLoop(rate, config.workers(), index, System.nanoTime());
    }
    sending = true;
  }

  /** Counts one initial keep-alive connect as done, successful or not. */
  private void initialConnectDone() {
    if (connectsBeforeSchedule > 0 && --connectsBeforeSchedule == 0) {
      startSending();
    }
  }

  private void tick() {
    final long now = System.nanoTime();
    if (now - nextSweepNanos >= 0) {
      nextSweepNanos = now + SWEEP_NANOS;
      sweep(now);
    }
    pump();
  }

  /** Sends requests while the pacer is due and slots are ready. */
  private void pump() {
    if (draining || !sending) {
      return;
    }
    long now = System.nanoTime();
    while (readyCount > 0 && pacer.isDue(now)) {
      final Connection connection = connections[ready[readyHead]];
      readyHead = readyHead + 1 == ready.length ? 0 : readyHead + 1;
      readyCount--;
      begin(connection, pacer.take(now), now);
      now = System.nanoTime();
    }
  }

  private void markReady(Connection connection, int state) {
    connection.state = state;
    ready[(readyHead + readyCount++) % ready.length] = connection.slot;
  }

  private void connect(Connection connection, int state) {
    final ChannelFuture future = bootstrapOrFail().connect(target, localAddress(connection));
    final Channel channel = future.channel();
    connection.channel = channel;
    connection.state = state;
    connection.reused = false;
    channel.pipeline().addLast(connection);
    future.addListener(connection);
  }

  /** The source address of the slot's next connection; null lets the kernel pick. */
  private @Nullable SocketAddress localAddress(Connection connection) {
    final SourceAddressRange range = sources;
    if (range == null || connection.localAddress != null) {
      return connection.localAddress;
    }
    return new InetSocketAddress(
        range.address(index + (long) config.workers() * perRequestConnects++), 0);
  }

  private Bootstrap bootstrapOrFail() {
    final Bootstrap b = bootstrap;
    if (b == null) {
      throw new IllegalStateException("worker not started");
    }
    return b;
  }

  /** Starts one request on a ready slot; its latency is measured from {@code latencyStart}. */
  private void begin(Connection connection, long latencyStart, long now) {
    connection.kind = mix.pick(random);
    connection.latencyStartNanos = latencyStart;
    connection.startedNanos = now;
    inFlight++;
    counters.sent();
    if (connection.state == Connection.IDLE) {
      connection.state = Connection.IN_FLIGHT;
      connection.retryable = connection.reused;
      write(connection);
    } else {
      connection.retryable = false;
      connect(connection, Connection.IN_FLIGHT);
    }
  }

  void onConnected(Connection connection) {
    opened++;
    if (connection.state == Connection.IN_FLIGHT) {
      write(connection);
    } else if (connection.state == Connection.CONNECTING) {
      initialConnectDone();
      markReady(connection, Connection.IDLE);
      pump();
    }
  }

  void onConnectFailed(Connection connection, Throwable cause) {
    connection.channel = null;
    connectFailures++;
    if (firstConnectFailure == null) {
      firstConnectFailure = String.valueOf(cause);
    }
    if (connection.state == Connection.IN_FLIGHT) {
      giveUp(connection);
    } else {
      initialConnectDone();
    }
    // Connection-per-request slots are ready again at once; keep-alive slots wait for the sweep,
    // so a tracker that refuses connections is not hammered with connects.
    connection.state = Connection.DISCONNECTED;
    if (!keepAlive && !draining) {
      markReady(connection, Connection.DISCONNECTED);
    }
  }

  private void write(Connection connection) {
    final Channel channel = connection.channel;
    if (channel == null) {
      throw new IllegalStateException("slot " + connection.slot + " has no channel");
    }
    final ByteBuf retry = connection.retryBytes;
    if (retry != null) {
      connection.retryBytes = null;
      channel.writeAndFlush(retry, channel.voidPromise());
      return;
    }
    final ByteBuf out = channel.alloc().buffer(512);
    if (connection.kind == ReplyKind.ANNOUNCE) {
      writeAnnounce(connection, out);
    } else {
      writeScrape(connection, out);
    }
    if (connection.retryable) {
      connection.retryBytes = out.retainedDuplicate();
    }
    channel.writeAndFlush(out, channel.voidPromise());
  }

  private void writeAnnounce(Connection connection, ByteBuf out) {
    final int peer = index + config.workers() * random.nextInt(ownedPeers);
    final int torrent = peers.torrentOf(peer);
    System.arraycopy(
        torrents.infoHashBytes(), TorrentPool.offsetOf(torrent), infoHash, 0, infoHash.length);
    PeerPool.writePeerId(peer, peerId, 0);
    connection.expected = numWant;
    requestWriter.writeAnnounce(
        out,
        new HttpAnnounceRequest(
            config.requests().announcePath(),
            infoHash,
            peerId,
            peers.portOf(peer),
            0,
            0,
            peers.isSeeder(peer) ? 0 : LEECHER_LEFT,
            HttpEvents.of(peerEvents.next(peer, random)),
            numWant,
            true,
            true,
            null));
  }

  private void writeScrape(Connection connection, ByteBuf out) {
    final int count = 1 + random.nextInt(scrapeHashes.length);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      final int torrent = torrents.sample(random);
      System.arraycopy(
          torrents.infoHashBytes(),
          TorrentPool.offsetOf(torrent),
          scrapeHashes[i],
          0,
          TorrentPool.INFO_HASH_LENGTH);
      if (isFirstOccurrence(i)) {
        distinct++;
      }
    }
    connection.expected = distinct;
    requestWriter.writeScrape(out, config.requests().scrapePath(), scrapeLists.get(count - 1));
  }

  /** Whether {@code scrapeHashes[i]} differs from all before it (a tracker answers each once). */
  private boolean isFirstOccurrence(int i) {
    for (int j = 0; j < i; j++) {
      if (Arrays.equals(scrapeHashes[j], scrapeHashes[i])) {
        return false;
      }
    }
    return true;
  }

  void onResponse(Connection connection, FullHttpResponse response) {
    if (connection.state != Connection.IN_FLIGHT) {
      counters.late();
      return;
    }
    final long now = System.nanoTime();
    endRequest(connection);
    connection.reused = true;
    final boolean reusable = keepAlive && HttpUtil.isKeepAlive(response);
    if (response.decoderResult().isFailure()) {
      counters.malformed();
    } else {
      switch (validator.check(
          response.status().code(),
          response.content(),
          connection.kind,
          connection.expected,
          connection.expected)) {
        case VALID -> {
          counters.response(connection.kind);
          latencies.record(connection.latencyStartNanos, now);
        }
        case ERROR -> {
          counters.error();
          if (response.status().code() == 429) {
            status429++;
          }
          if (validator.errorHasRetryIn()) {
            retryIn++;
          }
          final byte[] message = validator.errorMessage();
          errorMessages.count(Unpooled.wrappedBuffer(message), 0, message.length);
          latencies.record(connection.latencyStartNanos, now);
        }
        case MALFORMED -> counters.malformed();
      }
    }
    if (reusable && !draining && response.decoderResult().isSuccess()) {
      markReady(connection, Connection.IDLE);
    } else {
      close(connection);
    }
    pump();
  }

  void onBrokenChannel(Connection connection, boolean trackerFault) {
    if (connection.state == Connection.IN_FLIGHT && trackerFault) {
      endRequest(connection);
      counters.malformed();
      connection.state = Connection.CLOSING;
    }
    if (connection.state == Connection.IN_FLIGHT) {
      // Lost or retried when the close completes (onClosed).
      final Channel channel = connection.channel;
      if (channel != null) {
        channel.close();
      }
    } else {
      close(connection);
    }
  }

  void onClosed(Connection connection) {
    connection.channel = null;
    final boolean byTracker =
        connection.state == Connection.IN_FLIGHT || connection.state == Connection.IDLE;
    if (byTracker && !draining) {
      closedByTracker++;
    }
    // Closed before it carried a reply: the tracker refuses this connection (a limited or banned
    // source). A keep-alive slot then waits for the sweep before it connects again.
    final boolean refused =
        (connection.state == Connection.IN_FLIGHT && !connection.retryable)
            || (connection.state == Connection.IDLE && !connection.reused);
    if (connection.state == Connection.IN_FLIGHT && connection.retryable) {
      // A reused connection closed before the reply: the tracker may have closed it just as the
      // request went out (opentracker closes after every reply without saying so). Like any HTTP
      // client, send the idempotent GET once more on a new connection; the latency clock runs on.
      connection.retryable = false;
      connect(connection, Connection.IN_FLIGHT);
      return;
    }
    if (connection.state == Connection.IN_FLIGHT) {
      // The tracker closed (or reset) the connection without answering.
      giveUp(connection);
    }
    if (connection.state == Connection.IDLE) {
      removeReady(connection);
    }
    if (draining || (keepAlive && refused)) {
      connection.state = Connection.DISCONNECTED;
    } else if (keepAlive) {
      connect(connection, Connection.CONNECTING);
    } else {
      markReady(connection, Connection.DISCONNECTED);
      pump();
    }
  }

  /** Removes an idle slot whose connection went away from the ready ring, keeping the order. */
  private void removeReady(Connection connection) {
    for (int i = 0; i < readyCount; i++) {
      if (ready[(readyHead + i) % ready.length] == connection.slot) {
        for (int j = i + 1; j < readyCount; j++) {
          ready[(readyHead + j - 1) % ready.length] = ready[(readyHead + j) % ready.length];
        }
        readyCount--;
        return;
      }
    }
  }

  /** Counts the request in flight on {@code connection} as lost. */
  private void giveUp(Connection connection) {
    endRequest(connection);
    counters.lost();
    connection.state = Connection.CLOSING;
  }

  /** Bookkeeping when the request in flight on {@code connection} ends, however it ends. */
  private void endRequest(Connection connection) {
    inFlight--;
    final ByteBuf retry = connection.retryBytes;
    if (retry != null) {
      connection.retryBytes = null;
      retry.release();
    }
    checkDrained();
  }

  private void close(Connection connection) {
    connection.state = Connection.CLOSING;
    final Channel channel = connection.channel;
    if (channel != null) {
      channel.close();
    }
  }

  private void sweep(long now) {
    for (final Connection connection : connections) {
      if (connection.state == Connection.IN_FLIGHT
          && now - connection.startedNanos - timeoutNanos >= 0) {
        giveUp(connection);
        close(connection);
      } else if (keepAlive && connection.state == Connection.DISCONNECTED && !draining) {
        connect(connection, Connection.CONNECTING);
      }
    }
  }

  private void beginDrain() {
    draining = true;
    checkDrained();
  }

  private void checkDrained() {
    if (draining && inFlight == 0) {
      drained.countDown();
    }
  }

  /** After the drain: whatever is still in flight is lost; all connections close. */
  private void finish() {
    draining = true;
    for (final Connection connection : connections) {
      if (connection.state == Connection.IN_FLIGHT) {
        giveUp(connection);
      }
      connection.state = Connection.CLOSING;
      final Channel channel = connection.channel;
      if (channel != null) {
        channel.close();
      }
    }
  }
}
