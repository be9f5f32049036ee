package org.aquaticjava.netty;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ListenConfig;

/**
 * Finds out, before a tracker binds its SO_REUSEPORT socket group, whether another socket already
 * holds one of its addresses, so that a second tracker (of any protocol on the same transport
 * protocol, or an old instance still running) refuses to start instead of silently taking part of
 * the traffic through SO_REUSEPORT.
 *
 * <p>The probe binds one socket exactly like the real ones (same transport, family and
 * IPV6_V6ONLY) but without SO_REUSEPORT, then closes it: the kernel refuses that bind with
 * EADDRINUSE if any socket holds the address. A TCP probe sets SO_REUSEADDR, as the listeners do,
 * so connections in TIME_WAIT from an earlier run do not count; it never accepts. UDP and TCP
 * ports are separate: a UDP and an HTTP tracker may share a port number. Another failure (e.g.
 * an address this host does not have) is left for the real bind to report.
 *
 * <p>What it cannot see: a socket bound between the probe and the real bind (a race of
 * milliseconds at start-up).
 */
public final class PortProbe {
  /** The transport protocol of the sockets to probe for. */
  public enum Protocol {
    UDP,
    TCP;

    final String label = name();
  }

  /** Linux's EADDRINUSE; Netty's native transports report the negated errno. */
  private static final int EADDRINUSE = 98;

  private static final long CLOSE_TIMEOUT_SECONDS = 5;

  private PortProbe() {}

  /**
   * The listeners {@code network} asks for, once they are known to be free: resolved in their
   * families ({@link Listeners#addresses}), for TCP checked to be servable by the transport
   * ({@link Listeners#requireExactTcpFamilies}), then probed ({@link #requireUnused}).
   *
   * @param loop an event loop of {@code transport}, to register the probe sockets on
   * @throws ConfigException with one line per problem, naming its key
   */
  public static List<ListenAddress> claim(
      IoTransport transport, EventLoop loop, Protocol protocol, ListenConfig network)
      throws ConfigException, InterruptedException {
    final List<ListenAddress> addresses = Listeners.addresses(network);
    if (protocol == Protocol.TCP) {
      Listeners.requireExactTcpFamilies(transport, addresses);
    }
    requireUnused(transport, loop, protocol, addresses);
    return addresses;
  }

  /**
   * Probes every address (port 0 asks for an ephemeral port and is skipped).
   *
   * @param loop an event loop of {@code transport}, to register the probe sockets on
   * @throws ConfigException with one line per address in use, naming its key
   */
  public static void requireUnused(
      IoTransport transport, EventLoop loop, Protocol protocol, List<ListenAddress> addresses)
      throws ConfigException, InterruptedException {
    final List<String> problems = new ArrayList<>();
    for (ListenAddress listen : addresses) {
      if (listen.address().getPort() != 0 && inUse(transport, loop, protocol, listen)) {
        problems.add(
            listen.key()
                + ": "
                + listen
                + " ("
                + protocol.label
                + ") is already in use by another process, perhaps another tracker or an"
                + " instance that has not exited yet; stop it or choose another port");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private static boolean inUse(
      IoTransport transport, EventLoop loop, Protocol protocol, ListenAddress listen)
      throws InterruptedException {
    if (transport == IoTransport.NIO) {
      return inUseJdk(protocol, listen);
    }
    final AbstractBootstrap<?, ?> probe =
        switch (protocol) {
          case UDP ->
              new Bootstrap()
                  .group(loop)
                  .channelFactory(transport.datagramChannelFactory(listen.ipv6()))
                  .handler(new ChannelInboundHandlerAdapter());
          case TCP ->
              new ServerBootstrap()
                  .group(loop, loop)
                  .channelFactory(transport.serverSocketChannelFactory(listen.ipv6()))
                  .option(ChannelOption.SO_REUSEADDR, true)
                  .option(ChannelOption.AUTO_READ, false) // never accept
                  .childHandler(new ChannelInboundHandlerAdapter());
        };
    if (listen.ipv6()) {
      SocketOptions.ipv6Only(probe, transport, listen.ipv6Only());
    }
    final ChannelFuture bound = probe.bind(listen.address()).await();
    if (bound.isSuccess()) {
      bound.channel().close().await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return false;
    }
    bound.channel().close();
    return isAddressInUse(bound.cause());
  }

  /**
   * The NIO probe, with JDK channels that no selector knows: a channel registered with one (as
   * Netty's are) is only closed at the selector's next round, and would still hold the port when
   * the next probe or the real sockets bind. Like the NIO transport, the JDK cannot set
   * IPV6_V6ONLY: an IPv6 probe is dual-stack as the real socket is.
   */
  private static boolean inUseJdk(Protocol protocol, ListenAddress listen) {
    final StandardProtocolFamily family =
        listen.ipv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    try (NetworkChannel probe =
        protocol == Protocol.UDP ? DatagramChannel.open(family) : ServerSocketChannel.open(family)) {
      if (protocol == Protocol.TCP) {
        probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      }
      probe.bind(listen.address());
      return false;
    } catch (IOException e) {
      return isAddressInUse(e);
    }
  }

  private static boolean isAddressInUse(Throwable cause) {
    if (cause instanceof Errors.NativeIoException nativeError) {
      return nativeError.expectedErr() == -EADDRINUSE;
    }
    final String message = cause.getMessage();
    return cause instanceof BindException
        && message != null
        && message.toLowerCase(Locale.ROOT).contains("in use");
  }
}
