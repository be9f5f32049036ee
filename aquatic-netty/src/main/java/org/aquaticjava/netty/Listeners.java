package org.aquaticjava.netty;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.config.ListenConfig;

/**
 * What every tracker does the same way when it opens its sockets: resolve its addresses in their
 * families, resolve the worker count, bind with an error that names the socket. See also {@link PortProbe}.
 */
public final class Listeners {
  private Listeners() {}

  /**
   * The listeners of the enabled families, IPv4 first.
   *
   * @throws ConfigException naming the key of an address that does not resolve in its family
   */
  public static List<ListenAddress> addresses(ListenConfig network) throws ConfigException {
    final List<ListenAddress> addresses = new ArrayList<>(2);
    if (network.useIpv4()) {
      addresses.add(ListenAddress.ipv4(network.addressIpv4()));
    }
    if (network.useIpv6()) {
      addresses.add(ListenAddress.ipv6(network.addressIpv6(), network.setOnlyIpv6()));
    }
    return List.copyOf(addresses);
  }

  /**
   * Checks that {@code transport} can open TCP listeners of exactly the family of each address.
   * io_uring cannot for {@code 0.0.0.0} (see {@link
   * IoTransport#opensIpv4OnlyWildcardServerSockets()}): its "IPv4" socket would serve IPv6 too.
   *
   * @throws ConfigException naming {@code network.transport}
   */
  public static void requireExactTcpFamilies(IoTransport transport, List<ListenAddress> addresses)
      throws ConfigException {
    for (ListenAddress listen : addresses) {
      if (!listen.ipv6()
          && listen.address().getAddress().isAnyLocalAddress()
          && !transport.opensIpv4OnlyWildcardServerSockets()) {
        throw new ConfigException(
            List.of(
                "network.transport: "
                    + transport.label()
                    + " cannot open an IPv4-only TCP listener on "
                    + listen
                    + " ("
                    + listen.key()
                    + "): it would serve IPv6 too; use transport = \"epoll\" or \"auto\", or"
                    + " listen on a specific IPv4 address"));
      }
    }
  }

  /** {@code socket_workers}, where 0 means one per available CPU. */
  public static int socketWorkers(int configured) {
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }

  /**
   * Binds {@code bootstrap} to {@code address}. Every transport fails the same way, with a {@link
   * BindException} naming the socket (native transports fail with Netty's {@code
   * NativeIoException}): the operator must see which one could not be opened.
   *
   * @param what the socket, e.g. {@code "IPv4 UDP socket"}
   */
  public static Channel bind(
      AbstractBootstrap<?, ?> bootstrap, InetSocketAddress address, String what, IoTransport transport)
      throws InterruptedException, BindException {
    final ChannelFuture bound = bootstrap.bind(address).await();
    if (!bound.isSuccess()) {
      final BindException e =
          new BindException(
              "cannot bind the "
                  + what
                  + " to "
                  + printable(address)
                  + " over "
                  + transport.label()
                  + ": "
                  + bound.cause().getMessage());
      e.initCause(bound.cause());
      throw e;
    }
    return bound.channel();
  }

  /** {@code host:port}, or {@code [host]:port} for IPv6, as in config files. */
  public static String printable(InetSocketAddress address) {
    return new HostPort(address.getHostString(), address.getPort()).toString();
  }
}
