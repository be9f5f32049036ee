package org.aquaticjava.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.limit.SourceLimits.Kind;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.core.worker.Supervisor;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running HTTP(S) tracker: one listening socket per socket worker and address family, all bound to
 * the same port with SO_REUSEPORT so the kernel spreads connections over the workers; each worker
 * serves the connections it accepted on its own event loop against the shared, sharded swarm
 * store (the same design as {@code UdpTracker}).
 *
 * <p>{@link #start} binds and returns once the tracker answers; {@link #close} stops accepting,
 * answers requests still arriving with a BEP 31 "retry in" failure, closes the connections and
 * shuts down in order. Thread-safe.
 */
public final class HttpTracker extends ProtocolTracker {
  private static final Logger log = LoggerFactory.getLogger(HttpTracker.class);

  /** The protocol label in thread names and metrics. */
  public static final String PROTOCOL = "http";

  private HttpTracker(TrackerServer server, TrackerRuntime runtime) {
    super(server, runtime, "HTTP tracker");
  }

  /** Starts a tracker whose worker failures terminate the process (exit status 1). */
  public static HttpTracker start(HttpConfig config) throws Exception {
    return start(config, FatalExit.EXIT_PROCESS);
  }

  /**
   * Starts a runtime of its own (store, access list, metrics, snapshots), binds every configured
   * socket and starts the workers.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws org.aquaticjava.core.config.ConfigException naming the key, if an address does not
   *     resolve in its family, cannot be served by the transport, or another process holds it
   *     ({@link PortProbe})
   * @throws java.net.BindException naming the address, if a socket cannot be bound
   * @throws Exception if the access list or the TLS certificate cannot be loaded
   */
  public static HttpTracker start(HttpConfig config, FatalExit fatalExit) throws Exception {
    final SwarmSettings swarm =
        new SwarmSettings(
            SwarmSettings.shardCountFor(Listeners.socketWorkers(config.socketWorkers())),
            config.cleaning().maxPeerAge(),
            config.cleaning().torrentCleaningInterval());
    final TrackerRuntime runtime =
        TrackerRuntime.start(swarm, config.accessList(), config.persistence(), config.cluster(), fatalExit);
    return ProtocolTracker.ownRuntime(
        runtime, config.metrics(), config.stats(), r -> start(config, r));
  }

  /**
   * Binds every configured socket, answering from {@code runtime}'s store, which it shares with
   * whatever else runs on it ({@code aquatic all}). Ignores the config's access list, metrics,
   * persistence and swarm expiry: those are the runtime's. Does not close the runtime.
   */
  public static HttpTracker start(HttpConfig config, TrackerRuntime runtime) throws Exception {
    final HttpConfig.Network network = config.network();
    final int workers = Listeners.socketWorkers(config.socketWorkers());
    final HttpConfig.ReverseProxy proxy = config.reverseProxy();
    final TrustedProxies proxies =
        proxy.enabled() ? new TrustedProxies(proxy.trustedProxies()) : null;
    final TlsContextProvider tls = runtime.startTls(network.tls(), PROTOCOL);
    final Stopping lifecycle = new Stopping();
    final ChannelGroup connections = new DefaultChannelGroup("http", GlobalEventExecutor.INSTANCE);
    final TrackerServer server =
        TrackerServer.start(
            runtime,
            PROTOCOL,
            network.listen(),
            network.transport(),
            workers,
            PortProbe.Protocol.TCP,
            TrackerServer.Spread.LISTENER_PER_WORKER,
            (transport, group) -> {
              final HttpMetrics metrics = new HttpMetrics(runtime.metrics());
              final ConnectionGate gate =
                  new ConnectionGate(
                      runtime.claimConnections(
                          PROTOCOL, FileDescriptorBudget.MAX_CONNECTIONS_KEY, config.limits().maxConnections()));
              final AcceptErrors acceptErrors =
                  new AcceptErrors(runtime.metrics(), PROTOCOL, "HTTP listeners");
              final LoadShedding[] shedding =
                  OverloadProbes.start(
                      config.overload(),
                      new OverloadMetrics(runtime.metrics(), PROTOCOL),
                      group,
                      config.protocol().peerAnnounceInterval(),
                      config.cleaning().maxPeerAge(),
                      LoadShedding.NO_READS);
              final HttpChannelInitializer[] initializers =
                  new HttpChannelInitializer[workers];
              for (int workerIndex = 0; workerIndex < initializers.length; workerIndex++) {
                final HttpMetrics.Worker workerMetrics = metrics.forWorker(workerIndex);
                final SourceLimits sourceLimits =
                    new SourceLimits(
                        config.rateLimit(),
                        EnumSet.of(Kind.HTTP_REQUEST),
                        workerMetrics.sourceLimits());
                final HttpWorkerContext worker =
                    new HttpWorkerContext(
                        new HttpRequestProcessor(
                            config.protocol(),
                            runtime.store(),
                            runtime.accessList(),
                            workerMetrics,
                            sourceLimits,
                            shedding[workerIndex]),
                        workerMetrics,
                        HttpConnectionHandler.workerLog(Supervisor.workerName(PROTOCOL + "-socket", workerIndex)),
                        runtime.clock(),
                        config.limits(),
                        network.keepAlive(),
                        proxies,
                        proxy.ipHeader(),
                        gate,
                        sourceLimits,
                        lifecycle);
                initializers[workerIndex] = new HttpChannelInitializer(worker, connections, tls);
              }
              return new Listener(config, transport, initializers, acceptErrors, lifecycle, connections);
            });
    final InetSocketAddress v4 = server.localAddressIpv4().orElse(null);
    final InetSocketAddress v6 = server.localAddressIpv6().orElse(null);
    log.info(
        "{} tracker listening on {}{}{} with {} socket workers over {}; keep-alive {}{}",
        tls == null ? "HTTP" : "HTTPS",
        v4 == null ? "" : v4,
        v4 != null && v6 != null ? " and " : "",
        v6 == null ? "" : v6,
        server.workers(),
        server.transport().label(),
        network.keepAlive() ? "on" : "off",
        proxies == null
            ? ""
            : "; behind a reverse proxy: client address from "
                + proxy.ipHeader().headerName()
                + " on connections from "
                + proxies);
    return new HttpTracker(server, runtime);
  }

  /** The listeners of the socket workers; closing stops requests, then closes connections. */
  private record Listener(
      HttpConfig config,
      IoTransport transport,
      HttpChannelInitializer[] initializers,
      AcceptErrors acceptErrors,
      Stopping lifecycle,
      ChannelGroup connections)
      implements TrackerServer.Binding {

    @Override
    public Channel bind(EventLoopGroup loop, int workerIndex, ListenAddress listen)
        throws InterruptedException, BindException {
      final ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(loop, loop)
              .channelFactory(transport.serverSocketChannelFactory(listen.ipv6()))
              .option(ChannelOption.SO_BACKLOG, config.network().tcp().tcpBacklog())
              .handler(acceptErrors)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(
                  ChannelOption.WRITE_BUFFER_WATER_MARK,
                  new WriteBufferWaterMark(
                      config.limits().writeBufferSize() / 2, config.limits().writeBufferSize()))
              .childHandler(initializers[workerIndex]);
      SocketOptions.reusePort(bootstrap, transport);
      if (listen.ipv6()) {
        SocketOptions.ipv6Only(bootstrap, transport, listen.ipv6Only());
      }
      return Listeners.bind(
          bootstrap, listen.address(), "IPv" + listen.ipVersion() + " HTTP socket", transport);
    }

    /** Requests still arriving get a BEP 31 "retry in" failure and {@code Connection: close}. */
    @Override
    public void stopAccepting() {
      lifecycle.stop();
    }

    @Override
    public void closeConnections() {
      connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }
}
