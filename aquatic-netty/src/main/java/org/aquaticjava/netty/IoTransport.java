package org.aquaticjava.netty;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A Netty I/O transport and the channel classes that go with it. The native transports' classes
 * are only touched when a constant's methods are called, so NIO works on machines without the
 * native libraries. Constant names written in lower case are the config and log values.
 */
public enum IoTransport {
  IO_URING {
    @Override
    public @Nullable Throwable unavailabilityCause() {
      return IoUring.unavailabilityCause();
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return IoUringIoHandler.newFactory();
    }

    @Override
    public ChannelFactory<? extends DatagramChannel> datagramChannelFactory(boolean ipv6) {
      final SocketProtocolFamily family = family(ipv6);
      return () -> new IoUringDatagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverSocketChannelFactory(boolean ipv6) {
      return IoUringServerSocketChannel::new; // always AF_INET6: see opensIpv4OnlyWildcardServerSockets
    }

    @Override
    public boolean opensIpv4OnlyWildcardServerSockets() {
      return false;
    }

    @Override
    public Class<? extends SocketChannel> socketChannelClass() {
      return IoUringSocketChannel.class;
    }
  },
  EPOLL {
    @Override
    public @Nullable Throwable unavailabilityCause() {
      return Epoll.unavailabilityCause();
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return EpollIoHandler.newFactory();
    }

    @Override
    public ChannelFactory<? extends DatagramChannel> datagramChannelFactory(boolean ipv6) {
      final SocketProtocolFamily family = family(ipv6);
      return () -> new EpollDatagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverSocketChannelFactory(boolean ipv6) {
      final SocketProtocolFamily family = family(ipv6);
      return () -> new EpollServerSocketChannel(family);
    }

    @Override
    public Class<? extends SocketChannel> socketChannelClass() {
      return EpollSocketChannel.class;
    }
  },
  NIO {
    @Override
    public @Nullable Throwable unavailabilityCause() {
      return null;
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return NioIoHandler.newFactory();
    }

    @Override
    public ChannelFactory<? extends DatagramChannel> datagramChannelFactory(boolean ipv6) {
      final SocketProtocolFamily family = family(ipv6);
      return () -> new NioDatagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverSocketChannelFactory(boolean ipv6) {
      final SocketProtocolFamily family = family(ipv6);
      return () -> new NioServerSocketChannel(SelectorProvider.provider(), family);
    }

    @Override
    public Class<? extends SocketChannel> socketChannelClass() {
      return NioSocketChannel.class;
    }
  };

  private final String label = name().toLowerCase(Locale.ROOT);

  /** Why this transport cannot be used here, or null if it can. */
  public abstract @Nullable Throwable unavailabilityCause();

  /** Whether the native library loaded and the kernel allows this transport. */
  public boolean isAvailable() {
    return unavailabilityCause() == null;
  }

  abstract IoHandlerFactory ioHandlerFactory();

  /**
   * A {@link MultiThreadIoEventLoopGroup} of {@code threads} event loops on this transport.
   *
   * @param threadFactory names the threads (e.g. {@code socket-01}); see {@link
   *     EventLoopSupervision#threadFactory}
   */
  public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
  }

  /**
   * Creates UDP sockets of one address family: AF_INET6 if {@code ipv6}, else AF_INET (without a
   * family, Netty would open AF_INET6 sockets and bind {@code 0.0.0.0} as dual-stack {@code ::}).
   */
  public abstract ChannelFactory<? extends DatagramChannel> datagramChannelFactory(boolean ipv6);

  /**
   * Creates listening TCP sockets of one address family, as {@link #datagramChannelFactory};
   * except io_uring's, which Netty 4.2 always opens as AF_INET6 ({@link
   * #opensIpv4OnlyWildcardServerSockets()}).
   */
  public abstract ChannelFactory<? extends ServerChannel> serverSocketChannelFactory(boolean ipv6);

  /**
   * Whether a listening TCP socket for IPv4 bound to {@code 0.0.0.0} serves IPv4 only. False for
   * io_uring: its AF_INET6 socket binds {@code 0.0.0.0} as {@code ::} and also accepts IPv6 (a
   * specific IPv4 address is bound IPv4-mapped, which is IPv4 only).
   */
  public boolean opensIpv4OnlyWildcardServerSockets() {
    return true;
  }

  private static SocketProtocolFamily family(boolean ipv6) {
    return ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
  }

  public abstract Class<? extends SocketChannel> socketChannelClass();

  /** The lower-case name used in config files and logs, e.g. {@code io_uring}. */
  public String label() {
    return label;
  }
}
