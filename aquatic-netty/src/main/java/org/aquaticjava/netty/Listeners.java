package org.aquaticjava.netty;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.BindException;
import java.net.InetSocketAddress;
import org.aquaticjava.core.config.HostPort;

/**
 * What every tracker does the same way when it opens its sockets: check that it listens on at
 * least one address family, resolve the worker count, bind with an error that names the socket.
 */
public final class Listeners {
  private Listeners() {}

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
