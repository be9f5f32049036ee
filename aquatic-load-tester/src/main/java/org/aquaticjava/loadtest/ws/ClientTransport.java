package org.aquaticjava.loadtest.ws;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/** The client transport: epoll where Netty's native library loads, NIO otherwise. Immutable. */
enum ClientTransport {
  EPOLL,
  NIO;

  /** Epoll if available, else NIO. */
  static ClientTransport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** A group of one event loop on this transport. */
  MultiThreadIoEventLoopGroup newSingleLoop(ThreadFactory threads) {
    final IoHandlerFactory factory =
        this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(1, threads, factory);
  }

  Class<? extends SocketChannel> channelClass() {
    return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
