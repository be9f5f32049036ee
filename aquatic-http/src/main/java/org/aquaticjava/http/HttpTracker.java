package org.aquaticjava.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.core.files.PolledFileWatcher;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.core.worker.Supervisor;
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
 * A running HTTP(S) tracker: one listening socket per socket worker and address family, all bound to
 * the same port with SO_REUSEPORT so the kernel spreads connections over the workers; each worker
 * serves the connections it accepted on its own event loop against the shared, sharded swarm
 * store (the same design as {@code UdpTracker}).
 *
 * <p>{@link #start} binds and returns once the tracker answers; {@link #close} stops accepting,
 * answers requests still arriving with a BEP 31 "retry in" failure, closes the connections and
 * shuts down in order. Thread-safe.
 */
public final class HttpTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpTracker.class);

  private final TrackerRuntime runtime;
  private final EventLoopGroup group;
  private final List<Channel> listeners;
  private final ChannelGroup connections;
  private final Stopping lifecycle;
  private final Optional<InetSocketAddress> addressIpv4;
  private final Optional<InetSocketAddress> addressIpv6;
  private final CountDownLatch terminated = new CountDownLatch(1);

  private HttpTracker(
      TrackerRuntime runtime,
      EventLoopGroup group,
      List<Channel> listeners,
      ChannelGroup connections,
      Stopping lifecycle,
      Optional<InetSocketAddress> addressIpv4,
      Optional<InetSocketAddress> addressIpv6) {
    this.runtime = runtime;
    this.group = group;
    this.listeners = listeners;
    this.connections = connections;
    this.lifecycle = lifecycle;
    this.addressIpv4 = addressIpv4;
    this.addressIpv6 = addressIpv6;
  }

  /** Starts a tracker whose worker failures terminate the process (exit status 1). */
  public static HttpTracker start(HttpConfig config) throws Exception {
    return start(config, FatalExit.EXIT_PROCESS);
  }

  /**
   * Binds every configured socket and starts the workers.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws IllegalArgumentException if the config enables no address family, or its request line
   *     limit cannot hold max_scrape_torrents hashes
   * @throws org.aquaticjava.core.config.ConfigException naming the key, if an address does not
   *     resolve in its family, cannot be served by the transport, or another process holds it
   *     ({@link PortProbe})
   * @throws java.net.BindException naming the address, if a socket cannot be bound
   * @throws Exception if the access list or the TLS certificate cannot be loaded
   */
  public static HttpTracker start(HttpConfig config, FatalExit fatalExit) throws Exception {
    final HttpConfig.Network network = config.network();
    final int workers = Listeners.socketWorkers(config.socketWorkers());
    final SwarmSettings swarm =
        new SwarmSettings(
            shardCount(workers),
            config.cleaning().maxPeerAge(),
            config.cleaning().torrentCleaningInterval());
    final TrackerRuntime runtime =
        TrackerRuntime.start(swarm, config.accessList(), config.persistence(), config.cluster(), fatalExit);
    EventLoopGroup group = null;
    try {
      final IoTransport transport = IoTransports.select(network.transport());
      group = transport.newEventLoopGroup(workers, EventLoopSupervision.threadFactory("socket"));
      final HttpMetrics metrics = new HttpMetrics(runtime.metrics().registry());
      final ConnectionGate gate =
          new ConnectionGate(
              runtime.claimConnections("limits.max_connections", config.limits().maxConnections()));
      final AcceptErrors acceptErrors = new AcceptErrors(runtime.metrics().registry(), "HTTP listeners");
      final Stopping lifecycle = new Stopping();
      final ChannelGroup connections = new DefaultChannelGroup("http", GlobalEventExecutor.INSTANCE);
      final HttpConfig.ReverseProxy proxy = config.reverseProxy();
      final TrustedProxies proxies =
          proxy.enabled() ? new TrustedProxies(proxy.trustedProxies()) : null;
      final TlsContextProvider tls = startTls(network.tls(), runtime);
      final List<ListenAddress> addresses =
          PortProbe.claim(transport, group.next(), PortProbe.Protocol.TCP, network);
      final List<Channel> listeners = new ArrayList<>();
      final InetSocketAddress[] bound = new InetSocketAddress[addresses.size()];
      int workerIndex = 0;
      for (EventExecutor executor : group) {
        final String workerName = Supervisor.workerName("socket", workerIndex);
        final HttpMetrics.Worker workerMetrics = metrics.forWorker(workerIndex);
        final SocketWorker worker =
            new SocketWorker(
                new HttpRequestProcessor(
                    config.protocol(), runtime.store(), runtime.accessList(), workerMetrics),
                workerMetrics,
                new ConnectionLog(workerName),
                runtime.clock(),
                config.limits(),
                network.keepAlive(),
                proxies,
                proxy.ipHeader(),
                gate,
                lifecycle);
        final HttpChannelInitializer initializer = new HttpChannelInitializer(worker, connections, tls);
        final EventLoop loop = (EventLoop) executor;
        for (int i = 0; i < bound.length; i++) {
          final ListenAddress listen =
              bound[i] == null ? addresses.get(i) : addresses.get(i).withPort(bound[i].getPort());
          final Channel channel = bind(config, transport, loop, initializer, acceptErrors, listen);
          listeners.add(channel);
          bound[i] = (InetSocketAddress) channel.localAddress(); // later workers share the port
        }
        workerIndex++;
      }
      final InetSocketAddress v4 = network.useIpv4() ? bound[0] : null;
      final InetSocketAddress v6 = network.useIpv6() ? bound[bound.length - 1] : null;
      EventLoopSupervision.watch(runtime.supervisor(), "socket", group);
      runtime.startMetricsEndpoint(config.metrics());
      log.info(
          "{} tracker listening on {}{}{} with {} socket workers over {}; keep-alive {}{}",
          tls == null ? "HTTP" : "HTTPS",
          v4 == null ? "" : v4,
          v4 != null && v6 != null ? " and " : "",
          v6 == null ? "" : v6,
          workers,
          transport.label(),
          network.keepAlive() ? "on" : "off",
          proxies == null
              ? ""
              : "; behind a reverse proxy: client address from "
                  + proxy.ipHeader().headerName()
                  + " on connections from "
                  + proxies);
      return new HttpTracker(
          runtime,
          group,
          List.copyOf(listeners),
          connections,
          lifecycle,
          Optional.ofNullable(v4),
          Optional.ofNullable(v6));
    } catch (Exception | Error e) {
      runtime.close();
      if (group != null) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
      throw e;
    }
  }

  /**
   * With TLS on: loads the certificate (a bad file stops start-up), reloads it on SIGUSR1 and when
   * its files change, for new connections only.
   */
  private static @Nullable TlsContextProvider startTls(TlsConfig config, TrackerRuntime runtime)
      throws TlsCredentialsException {
    if (!config.enableTls()) {
      return null;
    }
    final TlsContextProvider tls = TlsContextProvider.start(config, runtime.metrics().registry());
    runtime.onReload(tls::reload);
    runtime.supervisor().start(
        "tls-watch", tls.fileWatcher(PolledFileWatcher.DEFAULT_POLL_INTERVAL));
    return tls;
  }

  /** Enough shards that socket workers rarely meet on one lock. */
  static int shardCount(int workers) {
    final int wanted = Math.max(64, workers * 16);
    return Math.min(SwarmSettings.SHARD_COUNT_LIMIT, Integer.highestOneBit(wanted - 1) << 1);
  }

  private static Channel bind(
      HttpConfig config,
      IoTransport transport,
      EventLoop loop,
      HttpChannelInitializer initializer,
      AcceptErrors acceptErrors,
      ListenAddress listen)
      throws InterruptedException, BindException {
    final ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loop, loop)
            .channelFactory(transport.serverSocketChannelFactory(listen.ipv6()))
            .option(ChannelOption.SO_BACKLOG, config.network().tcpBacklog())
            .handler(acceptErrors)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(
                    config.limits().writeBufferSize() / 2, config.limits().writeBufferSize()))
            .childHandler(initializer);
    SocketOptions.reusePort(bootstrap, transport);
    if (listen.ipv6()) {
      SocketOptions.ipv6Only(bootstrap, transport, listen.ipv6Only());
    }
    return Listeners.bind(
        bootstrap, listen.address(), "IPv" + listen.ipVersion() + " HTTP socket", transport);
  }

  /** The bound IPv4 address (the real port when the config asked for port 0), if IPv4 is on. */
  public Optional<InetSocketAddress> localAddressIpv4() {
    return addressIpv4;
  }

  /** The bound IPv6 address, if IPv6 is on. */
  public Optional<InetSocketAddress> localAddressIpv6() {
    return addressIpv6;
  }

  /** The shared services: store, access list, metrics, cleaning, reload actions. */
  public TrackerRuntime runtime() {
    return runtime;
  }

  /** Blocks until the tracker is closed. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /**
   * Stops accepting, answers requests that still arrive with a BEP 31 "retry in" failure and
   * {@code Connection: close}, closes the remaining connections, then stops the workers.
   */
  @Override
  public synchronized void close() {
    if (terminated.getCount() == 0) {
      return;
    }
    lifecycle.stop();
    runtime.supervisor().close(); // first: the event loops' termination is now expected
    for (Channel listener : listeners) {
      listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    runtime.close();
    log.info("HTTP tracker stopped");
    terminated.countDown();
  }
}
