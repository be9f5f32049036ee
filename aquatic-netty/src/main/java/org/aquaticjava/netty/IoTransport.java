package org.aquaticjava.netty;

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
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
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
    public Class<? extends DatagramChannel> datagramChannelClass() {
      return IoUringDatagramChannel.class;
    }

    @Override
    public Class<? extends ServerChannel> serverSocketChannelClass() {
      return IoUringServerSocketChannel.class;
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
    public Class<? extends DatagramChannel> datagramChannelClass() {
      return EpollDatagramChannel.class;
    }

    @Override
    public Class<? extends ServerChannel> serverSocketChannelClass() {
      return EpollServerSocketChannel.class;
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
    public Class<? extends DatagramChannel> datagramChannelClass() {
      return NioDatagramChannel.class;
    }

    @Override
    public Class<? extends ServerChannel> serverSocketChannelClass() {
      return NioServerSocketChannel.class;
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

  public abstract Class<? extends DatagramChannel> datagramChannelClass();

  public abstract Class<? extends ServerChannel> serverSocketChannelClass();

  public abstract Class<? extends SocketChannel> socketChannelClass();

  /** The lower-case name used in config files and logs, e.g. {@code io_uring}. */
  public String label() {
    return label;
  }
}
