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
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.persist.SnapshotSchedule;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.netty.AcceptErrors;
import org.aquaticjava.netty.ConnectionGate;
import org.aquaticjava.netty.FileDescriptorBudget;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.netty.ListenAddress;
import org.aquaticjava.netty.OverloadProbes;
import org.aquaticjava.netty.Listeners;
import org.aquaticjava.netty.PortProbe;
import org.aquaticjava.netty.ProtocolTracker;
import org.aquaticjava.netty.SocketOptions;
import org.aquaticjava.netty.TrackerRuntime;
import org.aquaticjava.netty.TrackerServer;
import org.aquaticjava.netty.tls.TlsContextProvider;
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
public final class WsTracker extends ProtocolTracker {
  private static final Logger log = LoggerFactory.getLogger(WsTracker.class);

  /** The protocol label in thread names and metrics. */
  public static final String PROTOCOL = "ws";

  private final WsSwarmStore store;

  private WsTracker(TrackerServer server, TrackerRuntime runtime, WsSwarmStore store) {
    super(server, runtime, "WebTorrent tracker");
    this.store = store;
  }

  /** Starts a tracker whose worker failures terminate the process (exit status 1). */
  public static WsTracker start(WsConfig config) throws Exception {
    return start(config, FatalExit.EXIT_PROCESS);
  }

  /**
   * Starts a runtime of its own (access list, metrics; no (IP, port) store), binds every
   * configured socket and starts the workers.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws org.aquaticjava.core.config.ConfigException naming the key, if an address does not
   *     resolve in its family, cannot be served by the transport, or another process holds it
   *     ({@link PortProbe})
   * @throws BindException naming the address, if a socket cannot be bound
   * @throws Exception if the access list cannot be loaded
   */
  public static WsTracker start(WsConfig config, FatalExit fatalExit) throws Exception {
    final TrackerRuntime runtime =
        TrackerRuntime.startWithoutSwarmStore(config.accessList(), fatalExit);
    return ProtocolTracker.ownRuntime(
        runtime, config.metrics(), config.stats(), r -> start(config, r));
  }

  /**
   * Starts the WebTorrent swarms (their own: WebRTC peers are not reached by IP and port), their
   * cleaning and persistence, and binds every configured socket on {@code runtime}, which it
   * shares with whatever else runs on it ({@code aquatic all}). Ignores the config's access list
   * and metrics: those are the runtime's. Does not close the runtime.
   */
  public static WsTracker start(WsConfig config, TrackerRuntime runtime) throws Exception {
    final WsConfig.Network network = config.network();
    final int workerCount = Listeners.socketWorkers(config.socketWorkers());
    final WsSwarmStore store =
        new WsSwarmStore(
            new WsSwarmStore.Settings(
                SwarmSettings.shardCountFor(workerCount),
                config.cleaning().maxPeerAge(),
                config.cleaning().maxOfferAge(),
                pendingOffersPerPeer(config.protocol().maxOffers())));
    final SnapshotSchedule snapshots = WsPersistence.start(config, store, runtime);
    final WsMetrics metrics = new WsMetrics(runtime.metrics(), store.totals());
    final TlsContextProvider tls = runtime.startTls(network.tls(), PROTOCOL);
    final Stopping stopping = new Stopping();
    final TrackerServer server =
        TrackerServer.start(
            runtime,
            PROTOCOL,
            network.listen(),
            network.transport(),
            workerCount,
            PortProbe.Protocol.TCP,
            TrackerServer.Spread.LISTENER_PER_FAMILY,
            (transport, group) -> {
              final Map<EventLoop, WsSocketWorker> workers = new IdentityHashMap<>();
              final LoadShedding[] shedding =
                  OverloadProbes.start(
                      config.overload(),
                      new OverloadMetrics(runtime.metrics(), PROTOCOL),
                      group,
                      config.protocol().peerAnnounceInterval(),
                      config.cleaning().maxPeerAge(),
                      LoadShedding.NO_READS);
              int index = 0;
              for (EventExecutor executor : group) {
                final EventLoop loop = (EventLoop) executor;
                final WsSocketWorker worker =
                    new WsSocketWorker(
                        index, workerCount, loop, config, runtime.clock(), store, runtime.accessList(),
                        metrics, stopping, shedding[index]);
                index++;
                workers.put(loop, worker);
                worker.startSweeping();
              }
              runtime
                  .supervisor()
                  .start(
                      PROTOCOL + "-cleaning",
                      new WsCleaning(
                          store,
                          runtime.clock(),
                          runtime.accessList(),
                          config.cleaning().torrentCleaningInterval()));
              final ServerBootstrap bootstrap =
                  new ServerBootstrap()
                      .group(group)
                      .option(ChannelOption.SO_BACKLOG, network.tcp().tcpBacklog())
                      .handler(new AcceptErrors(runtime.metrics(), PROTOCOL, "WebSocket listeners"))
                      .childOption(ChannelOption.TCP_NODELAY, true)
                      .childOption(
                          ChannelOption.WRITE_BUFFER_WATER_MARK,
                          new WriteBufferWaterMark(
                              config.limits().writeBufferSize() / 2,
                              config.limits().writeBufferSize()))
                      .childHandler(
                          new WsChannelInitializer(
                              config,
                              Map.copyOf(workers),
                              new ConnectionGate(
                                  runtime.claimConnections(
                                      PROTOCOL, FileDescriptorBudget.MAX_CONNECTIONS_KEY, config.limits().maxConnections())),
                              metrics,
                              tls));
              if (network.socketSendBufferSize() > 0) {
                bootstrap.childOption(ChannelOption.SO_SNDBUF, network.socketSendBufferSize());
              }
              // Both families may listen on one port: SO_REUSEPORT lets the dual-stack IPv6 socket
              // of NIO coexist with the IPv4 one (Linux prefers the exact family match).
              SocketOptions.reusePort(bootstrap, transport);
              return new Listener(
                  bootstrap, transport, List.copyOf(workers.values()), stopping, snapshots);
            });
    final String scheme = tls == null ? "ws://" : "wss://";
    final InetSocketAddress v4 = server.localAddressIpv4().orElse(null);
    final InetSocketAddress v6 = server.localAddressIpv6().orElse(null);
    log.info(
        "WebTorrent tracker listening on {}{}{} with {} socket workers over {}",
        v4 == null ? "" : scheme + Listeners.printable(v4),
        v4 != null && v6 != null ? " and " : "",
        v6 == null ? "" : scheme + Listeners.printable(v6),
        workerCount,
        server.transport().label());
    return new WsTracker(server, runtime, store);
  }

  /** One listener per family on the whole group; closing stops relaying before the loops stop. */
  private record Listener(
      ServerBootstrap bootstrap,
      IoTransport transport,
      List<WsSocketWorker> workers,
      Stopping stopping,
      @Nullable SnapshotSchedule snapshots)
      implements TrackerServer.Binding {

    @Override
    public Channel bind(EventLoopGroup target, int workerIndex, ListenAddress listen)
        throws InterruptedException, BindException {
      final ServerBootstrap familyBootstrap =
          bootstrap.clone().channelFactory(transport.serverSocketChannelFactory(listen.ipv6()));
      if (listen.ipv6()) {
        SocketOptions.ipv6Only(familyBootstrap, transport, listen.ipv6Only());
      }
      return Listeners.bind(
          familyBootstrap,
          listen.address(),
          "IPv" + listen.ipVersion() + " WebSocket listener",
          transport);
    }

    /**
     * Makes the workers ignore further messages, then has each loop close its connections, and
     * waits until every loop has also run the deregistrations those closes queued. After this no
     * loop relays to another (Netty would reject handing work to a loop that is shutting down,
     * logging a stack trace per relay) and no connection is left for the loops' own shutdown: a
     * channel whose deregistration that shutdown rejects keeps its decoder's buffer for ever.
     */
    @Override
    public void closeConnections() {
      stopping.stop();
      final List<Future<?>> closing = new ArrayList<>(workers.size());
      for (WsSocketWorker worker : workers) {
        closing.add(worker.loop.submit(worker::closeAll));
      }
      awaitAll(closing);
      final List<Future<?>> deregistered = new ArrayList<>(workers.size());
      for (WsSocketWorker worker : workers) {
        deregistered.add(worker.loop.submit(() -> { })); // runs after the deregistrations queued above
      }
      awaitAll(deregistered);
    }

    private static void awaitAll(List<Future<?>> tasks) {
      for (Future<?> task : tasks) {
        task.awaitUninterruptibly(2, TimeUnit.SECONDS);
      }
    }

    @Override
    public void stopped() {
      if (snapshots != null) {
        snapshots.snapshotNow(); // the completed counts of every announce answered
      }
    }
  }

  /** Offers awaiting answers per peer: a few announces' worth of offers (oldest forgotten first). */
  static int pendingOffersPerPeer(int maxOffers) {
    return 4 * maxOffers;
  }

  /** Peers in all swarms of one address family, live. */
  public long peerCount(boolean ipv6) {
    return store.totals().peers(ipv6).sum();
  }
}
