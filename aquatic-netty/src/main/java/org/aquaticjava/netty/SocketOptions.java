package org.aquaticjava.netty;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.UnixChannel;
import io.netty.channel.unix.UnixChannelOption;
import java.net.StandardSocketOptions;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket options that need transport-specific handling.
 *
 * <table>
 *   <caption>Support per transport</caption>
 *   <tr><th>Option</th><th>io_uring</th><th>epoll</th><th>NIO</th></tr>
 *   <tr><td>SO_REUSEPORT</td><td>UnixChannelOption</td><td>UnixChannelOption</td>
 *       <td>StandardSocketOptions via NioChannelOption</td></tr>
 *   <tr><td>SO_RCVBUF / SO_SNDBUF</td><td colspan="3">ChannelOption, read back after bind</td></tr>
 *   <tr><td>SO_REUSEADDR (TCP listeners)</td><td colspan="3">ChannelOption</td></tr>
 *   <tr><td>IPV6_V6ONLY</td><td>raw setsockopt option</td><td>raw setsockopt option</td>
 *       <td>not settable: dual-stack</td></tr>
 * </table>
 *
 * <p>Where IPV6_V6ONLY cannot be set (NIO: the JDK clears it), an IPv6 wildcard socket also
 * receives IPv4 traffic as IPv4-mapped addresses. With an IPv4 socket on the same port and
 * SO_REUSEPORT on both, Linux delivers IPv4 traffic to the IPv4 socket (it scores an exact family
 * match higher), so the mapped case only occurs when no IPv4 socket is bound; servers must
 * canonicalize mapped addresses anyway.
 */
public final class SocketOptions {
  private static final Logger log = LoggerFactory.getLogger(SocketOptions.class);

  /** {@code setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, ...)}; the constants are Linux's. */
  private static final ChannelOption<Integer> IPV6_V6ONLY =
      new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);

  /**
   * Linux doubles SO_RCVBUF/SO_SNDBUF for bookkeeping overhead and getsockopt reports the doubled
   * value. The JDK (NIO) halves it again before returning it; Netty's native transports do not.
   */
  private static final boolean KERNEL_DOUBLES_BUFFERS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

  private SocketOptions() {}

  /**
   * Sets SO_REUSEPORT, so one channel per event loop can bind the same address and port; on a TCP
   * listener also SO_REUSEADDR (as the JDK does by default), so neither a restart nor {@link
   * PortProbe} is refused because of connections still in TIME_WAIT. Only for a tracker's own
   * socket group: {@link PortProbe} checks first that no one else holds the port.
   */
  public static void reusePort(AbstractBootstrap<?, ?> bootstrap, IoTransport transport) {
    switch (transport) {
      case IO_URING, EPOLL -> bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
      case NIO -> bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
    }
    if (bootstrap instanceof ServerBootstrap) {
      bootstrap.option(ChannelOption.SO_REUSEADDR, true);
    }
  }

  /** Sets SO_RCVBUF and SO_SNDBUF; 0 leaves the OS default. */
  public static void bufferSizes(AbstractBootstrap<?, ?> bootstrap, int receive, int send) {
    if (receive > 0) {
      bootstrap.option(ChannelOption.SO_RCVBUF, receive);
    }
    if (send > 0) {
      bootstrap.option(ChannelOption.SO_SNDBUF, send);
    }
  }

  /**
   * Sets IPV6_V6ONLY where the transport allows it (epoll and io_uring).
   *
   * @return whether the option will be applied; false means the IPv6 socket stays dual-stack
   */
  public static boolean ipv6Only(
      AbstractBootstrap<?, ?> bootstrap, IoTransport transport, boolean ipv6Only) {
    if (transport == IoTransport.NIO) {
      return false;
    }
    bootstrap.option(IPV6_V6ONLY, ipv6Only ? 1 : 0);
    return true;
  }

  /**
   * The receive buffer size the kernel actually granted, in the units it was requested in: what
   * a native (epoll, io_uring) channel reports on Linux is halved, because the kernel doubles the
   * request; NIO's value is already halved by the JDK.
   */
  public static int effectiveReceiveBufferSize(Channel channel) {
    final int reported = channel.config().getOption(ChannelOption.SO_RCVBUF);
    return KERNEL_DOUBLES_BUFFERS && channel instanceof UnixChannel ? reported / 2 : reported;
  }

  /**
   * Logs the effective SO_RCVBUF of a bound channel at INFO, or a WARN naming {@code
   * net.core.rmem_max} when the kernel granted less than {@code requested}.
   *
   * @return whether the kernel capped the request
   */
  public static boolean checkReceiveBuffer(Channel channel, int requested) {
    final int effective = effectiveReceiveBufferSize(channel);
    if (requested > 0 && effective < requested) {
      log.warn(
          "{}: SO_RCVBUF capped at {} bytes instead of the configured {}; raise the sysctl"
              + " net.core.rmem_max to at least {} to avoid drops under load",
          channel.localAddress(),
          effective,
          requested,
          requested);
      return true;
    }
    log.info("{}: SO_RCVBUF is {} bytes", channel.localAddress(), effective);
    return false;
  }
}
