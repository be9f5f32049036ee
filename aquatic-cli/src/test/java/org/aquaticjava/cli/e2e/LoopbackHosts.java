package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out loopback addresses and ports to the clients of the end-to-end tests, so that every
 * client runs as its own "host": a distinct 127.0.0.N per client in the JVM (the tracker, on
 * 127.0.0.1, then sees the two clients of a transfer as two hosts; Transmission, for one, will not
 * dial a second peer on its own address). Thread-safe.
 */
final class LoopbackHosts {
  /** 127.0.0.2..9 are left to hand-run tools; the tracker itself is on 127.0.0.1. */
  private static final AtomicInteger NEXT = new AtomicInteger(10);

  private LoopbackHosts() {}

  /** A 127.0.0.N no other client of this JVM got. */
  static InetAddress nextIpv4() {
    final int n = NEXT.getAndIncrement();
    if (n > 254) {
      throw new IllegalStateException("out of 127.0.0.N addresses for test clients");
    }
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ::1}. */
  static InetAddress ipv6() {
    try {
      return InetAddress.getByName("::1");
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A TCP port free on {@code address} right now (the kernel's pick; a client binds it a moment
   * later, and the kernel hands out ephemeral ports in turn, so a clash is unlikely).
   */
  static int freeTcpPort(InetAddress address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port free for both TCP and UDP on {@code address} (BitTorrent peers use one for both). */
  static int freeTcpAndUdpPort(InetAddress address) {
    for (int attempt = 0; attempt < 20; attempt++) {
      final int port = freeTcpPort(address);
      try (DatagramSocket _ = new DatagramSocket(new InetSocketAddress(address, port))) {
        return port;
      } catch (IOException e) {
        // taken for UDP: try another
      }
    }
    throw new IllegalStateException("no port free for TCP and UDP on " + address);
  }
}
