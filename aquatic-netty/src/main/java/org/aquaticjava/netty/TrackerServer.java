package org.aquaticjava.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.ListenConfig;

/**
 * The socket side of one protocol, the same for UDP, HTTP and WebTorrent: resolves the worker
 * count, starts one event loop per socket worker (threads {@code <protocol>-socket-NN}), claims
 * the configured addresses ({@link PortProbe}), binds them (the first bind picks the real port when
 * the config asks for port 0, later binds share it), watches the event loops, and on a failed start
 * closes what it opened. What a socket does is the protocol's {@link Binding}.
 *
 * <p>It runs on a {@link TrackerRuntime} it does not own: in {@code aquatic all} several servers
 * share one. {@link #close} stops this protocol only, in order: {@link Binding#stopAccepting}, the
 * listeners close, {@link Binding#closeConnections}, the event loops stop, {@link
 * Binding#stopped}. Thread-safe.
 */
public final class TrackerServer implements AutoCloseable {

  /** How a protocol's listeners spread over the socket workers. */
  public enum Spread {
    /**
     * One listener per worker and family, sharing the port with SO_REUSEPORT: the kernel spreads
     * datagrams or connections over the workers (UDP, HTTP).
     */
    LISTENER_PER_WORKER,
    /** One listener per family on the whole group: Netty spreads connections (WebTorrent). */
    LISTENER_PER_FAMILY
  }

  /** A protocol's part: how to make its listeners, once the transport and event loops exist. */
  @FunctionalInterface
  public interface Protocol {
    /**
     * Prepares what the listeners share.
     *
     * @throws Exception if the protocol cannot start (the server then closes what it opened)
     */
    Binding open(IoTransport transport, EventLoopGroup group) throws Exception;
  }

  /** One started protocol's listeners and connections. */
  public interface Binding {
    /**
     * Binds one listener.
     *
     * @param target the worker's event loop ({@link Spread#LISTENER_PER_WORKER}) or the whole
     *     group ({@link Spread#LISTENER_PER_FAMILY})
     * @param workerIndex the worker's index, 0 for a listener of the whole group
     */
    Channel bind(EventLoopGroup target, int workerIndex, ListenAddress listen)
        throws InterruptedException, BindException;

    /** Called first on close, while connections are still open. */
    default void stopAccepting() {}

    /** Called after the listeners are closed, before the event loops stop. */
    default void closeConnections() {}

    /** Called once the event loops have stopped (e.g. to write a last snapshot). */
    default void stopped() {}
  }

  private final String protocol;
  private final Binding binding;
  private final EventLoopGroup group;
  private final IoTransport transport;
  private final int workers;
  private final List<Channel> listeners;
  private final Optional<InetSocketAddress> addressIpv4;
  private final Optional<InetSocketAddress> addressIpv6;
  private volatile boolean stopping;
  private final CountDownLatch terminated = new CountDownLatch(1);

  private TrackerServer(
      String protocol,
      Binding binding,
      EventLoopGroup group,
      IoTransport transport,
      int workers,
      List<Channel> listeners) {
    this.protocol = protocol;
    this.binding = binding;
    this.group = group;
    this.transport = transport;
    this.workers = workers;
    this.listeners = listeners;
    this.addressIpv4 = boundAddress(listeners, false);
    this.addressIpv6 = boundAddress(listeners, true);
  }

  /**
   * Starts the event loops, claims and binds every configured listener.
   *
   * @param protocol the label in thread names: {@code udp}, {@code http}, {@code ws}
   * @param socketWorkers the configured count; 0 means one per available CPU
   * @throws ConfigException naming the key ({@code protocol.network...} under {@code aquatic
   *     all}), if an address does not
   *     resolve in its family, cannot be served by the transport, or another process holds it
   * @throws BindException naming the address, if a socket cannot be bound
   * @throws Exception if the protocol cannot start
   */
  public static TrackerServer start(
      TrackerRuntime runtime,
      String protocol,
      ListenConfig listen,
      IoTransportChoice transportChoice,
      int socketWorkers,
      PortProbe.Protocol probe,
      Spread spread,
      Protocol opener)
      throws Exception {
    final int workers = Listeners.socketWorkers(socketWorkers);
    final IoTransport transport = IoTransports.select(transportChoice);
    final String role = protocol + "-socket";
    final EventLoopGroup group =
        transport.newEventLoopGroup(workers, EventLoopSupervision.threadFactory(role));
    final List<Channel> listeners = new ArrayList<>();
    try {
      final Binding binding = opener.open(transport, group);
      final List<ListenAddress> addresses = PortProbe.claim(transport, group.next(), probe, listen);
      final ListenAddress[] bound = addresses.toArray(ListenAddress[]::new);
      if (spread == Spread.LISTENER_PER_WORKER) {
        int workerIndex = 0;
        for (EventExecutor loop : group) {
          bindAll((EventLoopGroup) loop, workerIndex++, binding, bound, listeners);
        }
      } else {
        bindAll(group, 0, binding, bound, listeners);
      }
      final TrackerServer server =
          new TrackerServer(
              protocol, binding, group, transport, workers, List.copyOf(listeners));
      EventLoopSupervision.watch(runtime.supervisor(), role, group, () -> server.stopping);
      return server;
    } catch (Exception | Error e) {
      for (Channel listener : listeners) {
        listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (e instanceof ConfigException problem) { // its keys are this protocol's: say where they are
        throw runtime.inProtocolTable(protocol, problem);
      }
      throw e;
    }
  }

  /** Binds one listener per address on {@code target}; later binds take the first's real port. */
  private static void bindAll(
      EventLoopGroup target,
      int workerIndex,
      Binding binding,
      ListenAddress[] addresses,
      List<Channel> listeners)
      throws InterruptedException, BindException {
    for (int i = 0; i < addresses.length; i++) {
      final Channel channel = binding.bind(target, workerIndex, addresses[i]);
      listeners.add(channel);
      addresses[i] = addresses[i].withPort(((InetSocketAddress) channel.localAddress()).getPort());
    }
  }

  private static Optional<InetSocketAddress> boundAddress(List<Channel> listeners, boolean ipv6) {
    for (Channel listener : listeners) {
      final InetSocketAddress local = (InetSocketAddress) listener.localAddress();
      if ((local.getAddress() instanceof java.net.Inet6Address) == ipv6) {
        return Optional.of(local);
      }
    }
    return Optional.empty();
  }

  /** What the stats page shows of this protocol: its label, bound addresses, workers, transport. */
  public ServedProtocol served() {
    final List<String> addresses = new ArrayList<>();
    for (Optional<InetSocketAddress> address : List.of(addressIpv4, addressIpv6)) {
      address.ifPresent(
          a -> addresses.add(new HostPort(a.getAddress().getHostAddress(), a.getPort()).toString()));
    }
    return new ServedProtocol(protocol, addresses, workers, transport.label());
  }

  /** The bound IPv4 address (the real port when the config asked for port 0), if IPv4 is on. */
  public Optional<InetSocketAddress> localAddressIpv4() {
    return addressIpv4;
  }

  /** The bound IPv6 address, if IPv6 is on. */
  public Optional<InetSocketAddress> localAddressIpv6() {
    return addressIpv6;
  }

  /** The bound listeners, IPv4 first within each worker. */
  public List<Channel> listeners() {
    return listeners;
  }

  /** The socket workers' event loops. */
  public EventLoopGroup group() {
    return group;
  }

  /** The I/O transport the listeners run on. */
  public IoTransport transport() {
    return transport;
  }

  /** The number of socket workers (event loops). */
  public int workers() {
    return workers;
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops this protocol's listeners and event loops (see the class comment). Idempotent. */
  @Override
  public synchronized void close() {
    if (terminated.getCount() == 0) {
      return;
    }
    stopping = true; // first: the event loops' termination is now expected
    binding.stopAccepting();
    for (Channel listener : listeners) {
      listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    binding.closeConnections();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    binding.stopped();
    terminated.countDown();
  }
}
