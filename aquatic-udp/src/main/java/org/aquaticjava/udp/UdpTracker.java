package org.aquaticjava.udp;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A running UDP tracker: its sockets, workers and cleaning task. {@link #start} binds and returns
 * once the tracker answers; {@link #close} shuts it down in order.
 */
public final class UdpTracker implements AutoCloseable {
  private UdpTracker() {}

  /** Binds every configured socket and starts the workers. Throws if a socket cannot be bound. */
  public static UdpTracker start(UdpConfig config) throws Exception {
    throw new UnsupportedOperationException("server being written");
  }

  /** The bound IPv4 address (the real port when the config asked for port 0), if IPv4 is on. */
  public Optional<InetSocketAddress> localAddressIpv4() {
    return Optional.empty();
  }

  /** The bound IPv6 address, if IPv6 is on. */
  public Optional<InetSocketAddress> localAddressIpv6() {
    return Optional.empty();
  }

  /** Blocks until the tracker stops (close, signal, or a worker failure). */
  public void awaitTermination() throws InterruptedException {}

  @Override
  public void close() {}
}
