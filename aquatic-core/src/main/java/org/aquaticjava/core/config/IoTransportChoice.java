package org.aquaticjava.core.config;

/** Which Netty transport to use, written in config files in lower case. */
public enum IoTransportChoice {
  /** io_uring if the kernel allows it, else epoll, else NIO. */
  AUTO,
  IO_URING,
  EPOLL,
  NIO
}
