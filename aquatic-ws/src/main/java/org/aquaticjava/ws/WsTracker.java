package org.aquaticjava.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.core.persist.SnapshotSchedule;
import org.aquaticjava.core.files.PolledFileWatcher;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.netty.AcceptErrors;
import org.aquaticjava.netty.EventLoopSupervision;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.netty.IoTransports;
import org.aquaticjava.netty.ListenAddress;
import org.aquaticjava.netty.Listeners;
import org.aquaticjava.netty.PortProbe;
import org.aquaticjava.netty.SocketOptions;
import org.aquaticjava.netty.TrackerRuntime;
import org.aquaticjava.netty.tls.TlsContextProvider;
import org.aquaticjava.netty.tls.TlsCredentialsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running WebTorrent tracker (ws://, or wss:// with {@code network.tls}): one listening socket
 * per address family; accepted connections are
 * spread over the socket workers (Netty event loops), each of which serves its connections'
 * messages itself against the shared, sharded {@link WsSwarmStore}.
 *
 * <p><b>Why no swarm workers.</b> aquatic_ws sends every message to a swarm worker and every
 * reply back through channels, which needs per-connection bounded queues, scrape merging and
 * cross-thread response routing. Here a socket worker locks the one shard of the info hash for the
 * few microseconds an announce takes and writes relays straight to the target channels (Netty
 * queues a write from another thread on the target's loop), so the only cross-thread hand-off is
 * Netty's own, bounded by each connection's write buffer. The UDP tracker measured the same
 * sharded-lock design as the faster one on few cores.
 *
 * <p>{@link #start} binds and returns once the tracker answers; {@link #close} shuts it down in
 * order. Thread-safe.
 */
public final class WsTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WsTracker.class);

  private final TrackerRuntime runtime;
  private final EventLoopGroup group;
  private final List<Channel> listeners;
  private final List<SocketWorker> workers;
  private final Optional<InetSocketAddress> addressIpv4;
  private final Optional<InetSocketAddress> addressIpv6;
  private final WsSwarmStore store;
  private final Stopping stopping;
  private final @Nullable SnapshotSchedule snapshots;
  private final CountDownLatch terminated = new CountDownLatch(1);

  private WsTracker(
      TrackerRuntime runtime,
      EventLoopGroup group,
      List<Channel> listeners,
      List<SocketWorker> workers,
      Optional<InetSocketAddress> addressIpv4,
      Optional<InetSocketAddress> addressIpv6,
      WsSwarmStore store,
      Stopping stopping,
      @Nullable SnapshotSchedule snapshots) {
    this.runtime = runtime;
    this.group = group;
    this.listeners = listeners;
    this.workers = workers;
    this.addressIpv4 = addressIpv4;
    this.addressIpv6 = addressIpv6;
    this.store = store;
    this.stopping = stopping;
    this.snapshots = snapshots;
  }

  /** Starts a tracker whose worker failures terminate the process (exit status 1). */
  public static WsTracker start(WsConfig config) throws Exception {
    return start(config, FatalExit.EXIT_PROCESS);
  }

  /**
   * Binds every configured socket and starts the workers.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws IllegalArgumentException if the config enables no address family
   * @throws org.aquaticjava.core.config.ConfigException naming the key, if an address does not
   *     resolve in its family, cannot be served by the transport, or another process holds it
   *     ({@link PortProbe})
   * @throws BindException naming the address, if a socket cannot be bound
   * @throws Exception if the access list cannot be loaded
   */
  public static WsTracker start(WsConfig config, FatalExit fatalExit) throws Exception {
    final WsConfig.Network network = config.network();
    final int workerCount = Listeners.socketWorkers(config.socketWorkers());
    final TrackerRuntime runtime = TrackerRuntime.startWithoutSwarmStore(config.accessList(), fatalExit);
    EventLoopGroup group = null;
    final List<Channel> listeners = new ArrayList<>();
    try {
      final WsSwarmStore store =
          new WsSwarmStore(
              new WsSwarmStore.Settings(
                  shardCount(workerCount),
                  config.cleaning().maxPeerAge(),
                  config.cleaning().maxOfferAge(),
                  pendingOffersPerPeer(config.protocol().maxOffers())));
      final SnapshotSchedule snapshots = WsPersistence.start(config, store, runtime);
      final WsMetrics metrics = new WsMetrics(runtime.metrics().registry(), store.totals());
      final TlsContextProvider tls = startTls(network.tls(), runtime);
      final IoTransport transport = IoTransports.select(network.transport());
      group = transport.newEventLoopGroup(workerCount, EventLoopSupervision.threadFactory("socket"));
      final Map<EventLoop, SocketWorker> workers = new IdentityHashMap<>();
      final Stopping stopping = new Stopping();
      int index = 0;
      for (EventExecutor executor : group) {
        final EventLoop loop = (EventLoop) executor;
        final SocketWorker worker =
            new SocketWorker(index++, loop, config, runtime.clock(), store, runtime.accessList(), metrics, stopping);
        workers.put(loop, worker);
        worker.startSweeping();
      }
      runtime
          .supervisor()
          .start(
              "cleaning",
              new WsCleaning(store, runtime.clock(), runtime.accessList(), config.cleaning().torrentCleaningInterval()));
      final List<ListenAddress> addresses =
          PortProbe.claim(transport, group.next(), PortProbe.Protocol.TCP, network);
      final ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(group)
              .option(ChannelOption.SO_BACKLOG, network.tcpBacklog())
              .handler(new AcceptErrors(runtime.metrics().registry(), "WebSocket listeners"))
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(
                  ChannelOption.WRITE_BUFFER_WATER_MARK,
                  new WriteBufferWaterMark(config.limits().writeBufferSize() / 2, config.limits().writeBufferSize()))
              .childHandler(
                  new WsChannelInitializer(
                      config,
                      Map.copyOf(workers),
                      new ConnectionLimiter(
                          runtime.claimConnections(
                              "limits.max_connections", config.limits().maxConnections())),
                      metrics,
                      tls));
      if (network.socketSendBufferSize() > 0) {
        bootstrap.childOption(ChannelOption.SO_SNDBUF, network.socketSendBufferSize());
      }
      // Both families may listen on one port: SO_REUSEPORT lets the dual-stack IPv6 socket of NIO
      // coexist with the IPv4 one (Linux prefers the exact family match).
      SocketOptions.reusePort(bootstrap, transport);
      InetSocketAddress v4 = null;
      InetSocketAddress v6 = null;
      for (ListenAddress listen : addresses) {
        final ServerBootstrap familyBootstrap =
            bootstrap.clone().channelFactory(transport.serverSocketChannelFactory(listen.ipv6()));
        if (listen.ipv6()) {
          SocketOptions.ipv6Only(familyBootstrap, transport, listen.ipv6Only());
        }
        final Channel channel =
            Listeners.bind(
                familyBootstrap,
                listen.address(),
                "IPv" + listen.ipVersion() + " WebSocket listener",
                transport);
        listeners.add(channel);
        if (listen.ipv6()) {
          v6 = (InetSocketAddress) channel.localAddress();
        } else {
          v4 = (InetSocketAddress) channel.localAddress();
        }
      }
      EventLoopSupervision.watch(runtime.supervisor(), "socket", group);
      runtime.startMetricsEndpoint(config.metrics());
      final String scheme = tls == null ? "ws://" : "wss://";
      log.info(
          "WebTorrent tracker listening on {}{}{} with {} socket workers over {}",
          v4 == null ? "" : scheme + Listeners.printable(v4),
          v4 != null && v6 != null ? " and " : "",
          v6 == null ? "" : scheme + Listeners.printable(v6),
          workerCount,
          transport.label());
      return new WsTracker(
          runtime, group, List.copyOf(listeners), List.copyOf(workers.values()), Optional.ofNullable(v4), Optional.ofNullable(v6), store,
          stopping, snapshots);
    } catch (Exception | Error e) {
      runtime.close();
      for (Channel listener : listeners) {
        listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
      }
      if (group != null) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
      throw e;
    }
  }

  /**
   * Loads the certificate for wss:// (a bad file stops start-up) and reloads it for new
   * connections on SIGUSR1 and when its files change; null when TLS is off.
   */
  private static @Nullable TlsContextProvider startTls(TlsConfig config, TrackerRuntime runtime)
      throws TlsCredentialsException {
    if (!config.enableTls()) {
      return null;
    }
    final TlsContextProvider tls = TlsContextProvider.start(config, runtime.metrics().registry());
    runtime.onReload(tls::reload);
    runtime.supervisor().start("tls-watch", tls.fileWatcher(PolledFileWatcher.DEFAULT_POLL_INTERVAL));
    return tls;
  }

  /** Enough shards that socket workers rarely meet on one lock. */
  static int shardCount(int workers) {
    final int wanted = Math.max(64, workers * 16);
    return Math.min(SwarmSettings.SHARD_COUNT_LIMIT, Integer.highestOneBit(wanted - 1) << 1);
  }

  /** Offers awaiting answers per peer: a few announces' worth of offers (oldest forgotten first). */
  static int pendingOffersPerPeer(int maxOffers) {
    return 4 * maxOffers;
  }

  /**
   * Makes the workers ignore further messages, then has each loop close its connections, and waits
   * until every loop has also run the deregistrations those closes queued. After this no loop
   * relays to another (Netty would reject handing work to a loop that is shutting down, logging a
   * stack trace per relay) and no connection is left for the loops' own shutdown: a channel whose
   * deregistration that shutdown rejects keeps its decoder's buffer for ever.
   */
  private void closeConnections() {
    stopping.stop();
    final List<Future<?>> closing = new ArrayList<>(workers.size());
    for (SocketWorker worker : workers) {
      closing.add(worker.loop.submit(worker::closeAll));
    }
    awaitAll(closing);
    final List<Future<?>> deregistered = new ArrayList<>(workers.size());
    for (SocketWorker worker : workers) {
      deregistered.add(worker.loop.submit(() -> { })); // runs after the deregistrations queued above
    }
    awaitAll(deregistered);
  }

  private static void awaitAll(List<Future<?>> tasks) {
    for (Future<?> task : tasks) {
      task.awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }

  /** The bound IPv4 address (the real port when the config asked for port 0), if IPv4 is on. */
  public Optional<InetSocketAddress> localAddressIpv4() {
    return addressIpv4;
  }

  /** The bound IPv6 address, if IPv6 is on. */
  public Optional<InetSocketAddress> localAddressIpv6() {
    return addressIpv6;
  }

  /** The shared services: access list, metrics, supervisor. */
  public TrackerRuntime runtime() {
    return runtime;
  }

  /** Peers in all swarms of one address family, live. */
  public long peerCount(boolean ipv6) {
    return store.totals().peers(ipv6).sum();
  }

  /** Blocks until the tracker is closed. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /**
   * Stops accepting, stops handling messages (so nothing is relayed any more), closes every
   * connection, then stops the workers. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (terminated.getCount() == 0) {
      return;
    }
    runtime.supervisor().close(); // first: the event loops' termination is now expected
    for (Channel listener : listeners) {
      listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    closeConnections();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (snapshots != null) {
      snapshots.snapshotNow(); // the completed counts of every announce answered
    }
    runtime.close();
    log.info("WebTorrent tracker stopped");
    terminated.countDown();
  }
}
