package org.aquaticjava.udp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.testkit.WorkerDeaths;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Starts trackers for tests and supplies the transport and address-family permutations.
 *
 * <p>Trackers started here never exit the JVM when a worker dies: the failure is recorded and
 * the testkit's hygiene extension fails the test that was running.
 */
final class TestTrackers {
  private TestTrackers() {}

  static UdpTracker start(UdpConfig config) throws Exception {
    return UdpTracker.start(config, WorkerDeaths::record);
  }

  /**
   * Skips the test, with the reason, when the chosen transport cannot run here. A test that passes
   * on a transport it never ran on would prove nothing.
   */
  static void assumeAvailable(IoTransportChoice choice) {
    if (choice == IoTransportChoice.AUTO) {
      return;
    }
    final IoTransport transport = IoTransport.valueOf(choice.name());
    assumeTrue(
        transport.isAvailable(),
        () -> transport.label() + " unavailable here: " + transport.unavailabilityCause());
  }

  /** Skips the test when the machine has no IPv6 loopback. */
  static void assumeAvailable(Family family) {
    assumeTrue(family.isAvailable(), () -> family + " loopback unavailable here");
  }

  /** Every concrete transport; unavailable ones are skipped by {@link #assumeAvailable}. */
  static Stream<IoTransportChoice> transports() {
    return Stream.of(IoTransportChoice.IO_URING, IoTransportChoice.EPOLL, IoTransportChoice.NIO);
  }

  /** Every transport with every address family. */
  static Stream<Arguments> transportsAndFamilies() {
    final List<Arguments> all = new ArrayList<>();
    transports().forEach(t -> {
      for (Family f : Family.values()) {
        all.add(Arguments.of(t, f));
      }
    });
    return all.stream();
  }

  /** An address family a test client talks over, on loopback. */
  enum Family {
    IPV4("127.0.0.1"),
    IPV6("::1");

    private final InetAddress loopback;

    Family(String literal) {
      try {
        loopback = InetAddress.getByName(literal);
      } catch (IOException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    InetAddress loopback() {
      return loopback;
    }

    /** The tracker's socket of this family. */
    InetSocketAddress of(UdpTracker tracker) {
      return (this == IPV4 ? tracker.localAddressIpv4() : tracker.localAddressIpv6())
          .orElseThrow(() -> new AssertionError(this + " socket not bound"));
    }

    /** The {@code ip_version} metric label. */
    String ipVersion() {
      return this == IPV4 ? "4" : "6";
    }

    /** Peer entry length in announce responses. */
    int peerLength() {
      return this == IPV4 ? 6 : 18;
    }

    boolean isAvailable() {
      try (DatagramSocket _ = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
