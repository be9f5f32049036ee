package org.aquaticjava.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Supervisor;
import org.aquaticjava.netty.DatagramBatching;
import org.aquaticjava.netty.EventLoopSupervision;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.netty.IoTransports;
import org.aquaticjava.netty.ListenAddress;
import org.aquaticjava.netty.Listeners;
import org.aquaticjava.netty.PortProbe;
import org.aquaticjava.netty.SocketOptions;
import org.aquaticjava.netty.TrackerRuntime;
import org.aquaticjava.netty.UdpReceiveDrops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running UDP tracker: one socket per socket worker and address family, all bound to the same
 * port with SO_REUSEPORT so the kernel spreads datagrams over the workers, each answering its
 * datagrams itself against the shared, sharded swarm store (aquatic 0.9's design; see
 * docs/architecture.md for the measurement behind it).
 *
 * <p>{@link #start} binds and returns once the tracker answers; {@link #close} shuts it down in
 * order. Thread-safe.
 */
public final class UdpTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpTracker.class);

  private final TrackerRuntime runtime;
  private final EventLoopGroup group;
  private final List<Channel> channels;
  private final Optional<InetSocketAddress> addressIpv4;
  private final Optional<InetSocketAddress> addressIpv6;
  private final CountDownLatch terminated = new CountDownLatch(1);

  private UdpTracker(
      TrackerRuntime runtime,
      EventLoopGroup group,
      List<Channel> channels,
      Optional<InetSocketAddress> addressIpv4,
      Optional<InetSocketAddress> addressIpv6) {
    this.runtime = runtime;
    this.group = group;
    this.channels = channels;
    this.addressIpv4 = addressIpv4;
    this.addressIpv6 = addressIpv6;
  }

  /** Starts a tracker whose worker failures terminate the process (exit status 1). */
  public static UdpTracker start(UdpConfig config) throws Exception {
    return start(config, FatalExit.EXIT_PROCESS);
  }

  /**
   * Binds every configured socket and starts the workers.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws IllegalArgumentException if the config enables no address family
   * @throws org.aquaticjava.core.config.ConfigException naming the key, if an address does not
   *     resolve in its family or another process holds it ({@link PortProbe})
   * @throws java.net.BindException naming the address, if a socket cannot be bound
   * @throws Exception if the access list cannot be loaded
   */
  public static UdpTracker start(UdpConfig config, FatalExit fatalExit) throws Exception {
    final UdpConfig.Network network = config.network();
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
      final SocketBinder binder =
          new SocketBinder(
              config,
              transport,
              runtime,
              new UdpMetrics(runtime.metrics()),
              new ConnectionIdValidator(
                  runtime.connectionIdKey(),
                  config.cleaning().maxConnectionAge(), config.cleaning().connectionIdGrace()));
      final List<ListenAddress> addresses =
          PortProbe.claim(transport, group.next(), PortProbe.Protocol.UDP, network);
      final List<Channel> channels = new ArrayList<>();
      final InetSocketAddress[] bound = new InetSocketAddress[addresses.size()];
      int workerIndex = 0;
      for (EventExecutor executor : group) {
        final EventLoop loop = (EventLoop) executor;
        for (int i = 0; i < bound.length; i++) {
          final ListenAddress listen =
              bound[i] == null ? addresses.get(i) : addresses.get(i).withPort(bound[i].getPort());
          final Channel channel = binder.bind(loop, listen, workerIndex);
          channels.add(channel);
          bound[i] = (InetSocketAddress) channel.localAddress(); // later workers share the port
        }
        workerIndex++;
      }
      final InetSocketAddress v4 = network.useIpv4() ? bound[0] : null;
      final InetSocketAddress v6 = network.useIpv6() ? bound[bound.length - 1] : null;
      EventLoopSupervision.watch(runtime.supervisor(), "socket", group);
      final Set<Integer> ports = new HashSet<>();
      for (Channel channel : channels) {
        ports.add(((InetSocketAddress) channel.localAddress()).getPort());
      }
      UdpReceiveDrops.register(runtime.metrics().registry(), ports);
      runtime.startMetricsEndpoint(config.metrics());
      log.info(
          "UDP tracker listening on {}{}{} with {} socket workers over {}",
          v4 == null ? "" : v4,
          v4 != null && v6 != null ? " and " : "",
          v6 == null ? "" : v6,
          workers,
          transport.label());
      return new UdpTracker(
          runtime, group, List.copyOf(channels), Optional.ofNullable(v4), Optional.ofNullable(v6));
    } catch (Exception | Error e) {
      runtime.close();
      if (group != null) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
      throw e;
    }
  }

  /** Enough shards that socket workers rarely meet on one lock. */
  static int shardCount(int workers) {
    final int wanted = Math.max(64, workers * 16);
    return Math.min(SwarmSettings.SHARD_COUNT_LIMIT, Integer.highestOneBit(wanted - 1) << 1);
  }

  /** Creates the sockets of the socket workers, one handler each. */
  private record SocketBinder(
      UdpConfig config,
      IoTransport transport,
      TrackerRuntime runtime,
      UdpMetrics metrics,
      ConnectionIdValidator connectionIds) {

    Channel bind(EventLoop loop, ListenAddress listen, int workerIndex)
        throws InterruptedException, BindException {
      final String workerName = Supervisor.workerName("socket", workerIndex);
      final String ipVersion = listen.ipVersion();
      final Bootstrap bootstrap =
          new Bootstrap()
              .group(loop)
              .channelFactory(transport.datagramChannelFactory(listen.ipv6()))
              .handler(
                  new UdpSocketHandler(
                      new UdpRequestProcessor(
                          config,
                          runtime.store(),
                          connectionIds,
                          runtime.accessList(),
                          metrics.forWorker(workerIndex, ipVersion),
                          workerName + "/ipv" + ipVersion),
                      runtime.clock()));
      SocketOptions.reusePort(bootstrap, transport);
      SocketOptions.bufferSizes(
          bootstrap, config.network().socketRecvBufferSize(), config.network().socketSendBufferSize());
      DatagramBatching.apply(bootstrap, transport, DatagramBatching.DEFAULT_MAX_PAYLOAD);
      if (listen.ipv6()
          && !SocketOptions.ipv6Only(bootstrap, transport, listen.ipv6Only())
          && workerIndex == 0) {
        log.info(
            "IPV6_V6ONLY cannot be set on {}: the IPv6 socket is dual-stack; IPv4 clients reaching"
                + " it are served as IPv4",
            transport.label());
      }
      final Channel channel =
          Listeners.bind(bootstrap, listen.address(), "IPv" + ipVersion + " UDP socket", transport);
      if (workerIndex == 0) {
        SocketOptions.checkReceiveBuffer(channel, config.network().socketRecvBufferSize());
      }
      return channel;
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

  /** The shared services: store, access list, metrics, cleaning. */
  public TrackerRuntime runtime() {
    return runtime;
  }

  /** Blocks until the tracker is closed. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops receiving, lets the event loops finish their batch, then stops the workers. */
  @Override
  public void close() {
    if (terminated.getCount() == 0) {
      return;
    }
    runtime.supervisor().close(); // first: the event loops' termination is now expected
    for (Channel channel : channels) {
      channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    runtime.close();
    log.info("UDP tracker stopped");
    terminated.countDown();
  }
}
