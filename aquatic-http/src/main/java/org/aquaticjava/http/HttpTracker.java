package org.aquaticjava.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
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
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.core.files.PolledFileWatcher;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Supervisor;
import org.aquaticjava.netty.EventLoopSupervision;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.netty.IoTransports;
import org.aquaticjava.netty.Listeners;
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
  /** Bytes of one fully percent-encoded {@code info_hash=...&} scrape parameter. */
  static final int SCRAPE_PARAMETER_LENGTH = 71;

  private final TrackerRuntime runtime;
  private final EventLoopGroup group;
  private final List<Channel> listeners;
  private final ChannelGroup connections;
  private final SocketWorker.Lifecycle lifecycle;
  private final Optional<InetSocketAddress> addressIpv4;
  private final Optional<InetSocketAddress> addressIpv6;
  private final CountDownLatch terminated = new CountDownLatch(1);

  private HttpTracker(
      TrackerRuntime runtime,
      EventLoopGroup group,
      List<Channel> listeners,
      ChannelGroup connections,
      SocketWorker.Lifecycle lifecycle,
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
   * @throws java.net.BindException naming the address, if a socket cannot be bound
   * @throws Exception if the access list or the TLS certificate cannot be loaded
   */
  public static HttpTracker start(HttpConfig config, FatalExit fatalExit) throws Exception {
    final HttpConfig.Network network = config.network();
    Listeners.requireAnAddressFamily(network.useIpv4(), network.useIpv6());
    checkScrapeFits(config);
    final int workers = Listeners.socketWorkers(config.socketWorkers());
    final SwarmSettings swarm =
        new SwarmSettings(
            shardCount(workers),
            config.cleaning().maxPeerAge(),
            config.cleaning().torrentCleaningInterval());
    final TrackerRuntime runtime =
        TrackerRuntime.start(swarm, config.accessList(), config.persistence(), fatalExit);
    EventLoopGroup group = null;
    try {
      final IoTransport transport = IoTransports.select(network.transport());
      group = transport.newEventLoopGroup(workers, EventLoopSupervision.threadFactory("socket"));
      final HttpMetrics metrics = new HttpMetrics(runtime.metrics().registry());
      final ConnectionGate gate = new ConnectionGate(config.limits().maxConnections());
      final SocketWorker.Lifecycle lifecycle = new SocketWorker.Lifecycle();
      final ChannelGroup connections = new DefaultChannelGroup("http", GlobalEventExecutor.INSTANCE);
      final HttpConfig.ReverseProxy proxy = config.reverseProxy();
      final TrustedProxies proxies =
          proxy.enabled() ? new TrustedProxies(proxy.trustedProxies()) : null;
      final TlsContextProvider tls = startTls(network.tls(), runtime);
      final List<Channel> listeners = new ArrayList<>();
      InetSocketAddress v4 = network.useIpv4() ? address(network.addressIpv4()) : null;
      InetSocketAddress v6 = network.useIpv6() ? address(network.addressIpv6()) : null;
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
        if (v4 != null) {
          final Channel channel = bind(config, transport, loop, initializer, v4, "4");
          listeners.add(channel);
          v4 = (InetSocketAddress) channel.localAddress(); // later workers share the real port
        }
        if (v6 != null) {
          final Channel channel = bind(config, transport, loop, initializer, v6, "6");
          listeners.add(channel);
          v6 = (InetSocketAddress) channel.localAddress();
        }
        workerIndex++;
      }
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

  /** aquatic.md §8 #10: a scrape of max_scrape_torrents hashes must fit the request line. */
  private static void checkScrapeFits(HttpConfig config) {
    final HttpConfig.Protocol protocol = config.protocol();
    final int needed =
        "GET ".length()
            + protocol.scrapePath().length()
            + 1
            + protocol.maxScrapeTorrents() * SCRAPE_PARAMETER_LENGTH
            + " HTTP/1.1".length();
    if (needed > config.limits().maxRequestLineLength()) {
      throw new IllegalArgumentException(
          "limits.max_request_line_length = "
              + config.limits().maxRequestLineLength()
              + " cannot hold a scrape of protocol.max_scrape_torrents = "
              + protocol.maxScrapeTorrents()
              + " info hashes: it needs at least "
              + needed
              + " bytes");
    }
  }

  /** Enough shards that socket workers rarely meet on one lock. */
  static int shardCount(int workers) {
    final int wanted = Math.max(64, workers * 16);
    return Math.min(SwarmSettings.SHARD_COUNT_LIMIT, Integer.highestOneBit(wanted - 1) << 1);
  }

  private static InetSocketAddress address(String configured) {
    return HostPort.parse(configured).toInetSocketAddress();
  }

  private static Channel bind(
      HttpConfig config,
      IoTransport transport,
      EventLoop loop,
      HttpChannelInitializer initializer,
      InetSocketAddress address,
      String ipVersion)
      throws InterruptedException, BindException {
    final ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loop, loop)
            .channel(transport.serverSocketChannelClass())
            .option(ChannelOption.SO_BACKLOG, config.network().tcpBacklog())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer);
    SocketOptions.reusePort(bootstrap, transport);
    if (ipVersion.equals("6")) {
      SocketOptions.ipv6Only(bootstrap, transport, config.network().setOnlyIpv6());
    }
    return Listeners.bind(bootstrap, address, "IPv" + ipVersion + " HTTP socket", transport);
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
