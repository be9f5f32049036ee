package org.aquaticjava.core.config;

/** Which Netty transport to use, written in config files in lower case. */
public enum IoTransportChoice {
  /** epoll if available, else io_uring, else NIO (epoll measured fastest; docs/benchmarks.md). */
  AUTO,
  IO_URING,
  EPOLL,
  NIO;

  /** The config comment of every tracker's {@code network.transport} key. */
  public static final String DOC =
      "Network transport: auto (epoll, else io_uring, else NIO: epoll measured fastest), io_uring,"
          + " epoll or nio. The choice and the reason for any fallback are logged at start-up.";
}
