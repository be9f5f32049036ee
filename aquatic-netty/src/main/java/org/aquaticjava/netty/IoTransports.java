package org.aquaticjava.netty;

import java.util.Locale;
import org.aquaticjava.core.config.IoTransportChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the transport from the {@code transport} config key and logs why. */
public final class IoTransports {
  private static final Logger log = LoggerFactory.getLogger(IoTransports.class);

  private IoTransports() {}

  /**
   * {@code auto} takes epoll, else io_uring, else NIO, logging each fallback with its cause at
   * WARN; an explicit choice must be available. Epoll comes first because it was measured faster:
   * on the UDP tracker at saturation it answered about 40% more requests per CPU-second than
   * io_uring and NIO (docs/benchmarks.md, "transports"); io_uring stays one setting away.
   *
   * @throws IllegalStateException if an explicitly chosen transport is unavailable (a start-up
   *     error; the cause is attached)
   */
  public static IoTransport select(IoTransportChoice choice) {
    final IoTransport selected =
        switch (choice) {
          case AUTO -> firstAvailable(IoTransport.EPOLL, IoTransport.IO_URING, IoTransport.NIO);
          case IO_URING -> required(IoTransport.IO_URING);
          case EPOLL -> required(IoTransport.EPOLL);
          case NIO -> required(IoTransport.NIO);
        };
    log.info("transport: {} (configured: {})", selected.label(), choice.name().toLowerCase(Locale.ROOT));
    return selected;
  }

  private static IoTransport firstAvailable(IoTransport... preference) {
    for (IoTransport transport : preference) {
      final Throwable cause = transport.unavailabilityCause();
      if (cause == null) {
        return transport;
      }
      log.warn("transport {} unavailable, falling back: {}", transport.label(), describe(cause));
    }
    throw new AssertionError("NIO is always available");
  }

  private static IoTransport required(IoTransport transport) {
    final Throwable cause = transport.unavailabilityCause();
    if (cause != null) {
      throw new IllegalStateException(
          "transport " + transport.label() + " was configured but is unavailable: " + describe(cause),
          cause);
    }
    return transport;
  }

  private static String describe(Throwable cause) {
    return cause.getCause() == null ? cause.toString() : cause + " (" + cause.getCause() + ")";
  }
}
