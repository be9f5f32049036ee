package org.aquaticjava.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Supervisor;
import org.aquaticjava.netty.DatagramBatching;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.netty.ListenAddress;
import org.aquaticjava.netty.OverloadProbes;
import org.aquaticjava.netty.Listeners;
import org.aquaticjava.netty.PortProbe;
import org.aquaticjava.netty.ProtocolTracker;
import org.aquaticjava.netty.SocketOptions;
import org.aquaticjava.netty.TrackerRuntime;
import org.aquaticjava.netty.TrackerServer;
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
public final class UdpTracker extends ProtocolTracker {
  private static final Logger log = LoggerFactory.getLogger(UdpTracker.class);

  /** The protocol label in thread names and metrics. */
  public static final String PROTOCOL = "udp";

  private UdpTracker(TrackerServer server, TrackerRuntime runtime) {
    super(server, runtime, "UDP tracker");
  }

  /** Starts a tracker whose worker failures terminate the process (exit status 1). */
  public static UdpTracker start(UdpConfig config) throws Exception {
    return start(config, FatalExit.EXIT_PROCESS);
  }

  /**
   * Starts a runtime of its own (store, access list, metrics, snapshots), binds every configured
   * socket and starts the workers.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws org.aquaticjava.core.config.ConfigException naming the key, if an address does not
   *     resolve in its family or another process holds it ({@link PortProbe})
   * @throws java.net.BindException naming the address, if a socket cannot be bound
   * @throws Exception if the access list cannot be loaded
   */
  public static UdpTracker start(UdpConfig config, FatalExit fatalExit) throws Exception {
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
  public static UdpTracker start(UdpConfig config, TrackerRuntime runtime) throws Exception {
    final UdpConfig.Network network = config.network();
    final UdpMetrics metrics = new UdpMetrics(runtime.metrics());
    final ConnectionIdValidator connectionIds =
        new ConnectionIdValidator(
            runtime.connectionIdKey(),
            config.cleaning().maxConnectionAge(),
            config.cleaning().connectionIdGrace());
    final TrackerServer server =
        TrackerServer.start(
            runtime,
            PROTOCOL,
            network.listen(),
            network.transport(),
            config.socketWorkers(),
            PortProbe.Protocol.UDP,
            TrackerServer.Spread.LISTENER_PER_WORKER,
            (transport, group) ->
                new SocketBinder(
                    config,
                    transport,
                    runtime,
                    metrics,
                    connectionIds,
                    OverloadProbes.start(
                        config.overload(),
                        new OverloadMetrics(runtime.metrics(), PROTOCOL),
                        group,
                        config.protocol().peerAnnounceInterval(),
                        config.cleaning().maxPeerAge(),
                        DatagramBatching.fullRead(transport))));
    final Set<Integer> ports = new HashSet<>();
    for (Channel channel : server.listeners()) {
      ports.add(((InetSocketAddress) channel.localAddress()).getPort());
    }
    UdpReceiveDrops.register(runtime.metrics().registry(), ports);
    final InetSocketAddress v4 = server.localAddressIpv4().orElse(null);
    final InetSocketAddress v6 = server.localAddressIpv6().orElse(null);
    log.info(
        "UDP tracker listening on {}{}{} with {} socket workers over {}",
        v4 == null ? "" : v4,
        v4 != null && v6 != null ? " and " : "",
        v6 == null ? "" : v6,
        server.workers(),
        server.transport().label());
    return new UdpTracker(server, runtime);
  }

  /** Creates the sockets of the socket workers, one handler each. */
  private record SocketBinder(
      UdpConfig config,
      IoTransport transport,
      TrackerRuntime runtime,
      UdpMetrics metrics,
      ConnectionIdValidator connectionIds,
      LoadShedding[] shedding)
      implements TrackerServer.Binding {

    @Override
    public Channel bind(EventLoopGroup loop, int workerIndex, ListenAddress listen)
        throws InterruptedException, BindException {
      final String workerName = Supervisor.workerName(PROTOCOL + "-socket", workerIndex);
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
                          shedding[workerIndex],
                          workerName + "/ipv" + ipVersion),
                      runtime.clock(),
                      shedding[workerIndex]));
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

}
