package org.aquaticjava.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.testkit.WorkerDeaths;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Starts trackers for tests from TOML snippets (the same loader as {@code -c}) and supplies the
 * transport and address-family permutations. Trackers listen on 127.0.0.1:0 and [::1]:0 with two
 * socket workers. A worker that dies is recorded, and the testkit's hygiene extension fails the
 * running test, instead of exiting the JVM.
 */
final class TestTrackers {
  private TestTrackers() {}

  /**
   * A loopback config.
   *
   * @param networkKeys extra lines for the {@code [network]} table, e.g. {@code keep_alive =
   *     false}
   * @param sections further tables, e.g. {@code [limits]\nmax_headers = 4}
   */
  static HttpConfig config(IoTransportChoice transport, String networkKeys, String sections)
      throws ConfigException {
    return config(transport, 2, networkKeys, sections);
  }

  /**
   * A loopback config with {@code socketWorkers} workers: 1 where a test needs every connection
   * on the same worker (per-source limits are per worker).
   */
  static HttpConfig config(
      IoTransportChoice transport, int socketWorkers, String networkKeys, String sections)
      throws ConfigException {
    final String toml =
        """
        socket_workers = %d
        log_level = "warn"
        [network]
        address_ipv4 = "127.0.0.1:0"
        address_ipv6 = "[::1]:0"
        transport = "%s"
        %s
        %s
        """
            .formatted(
                socketWorkers, transport.name().toLowerCase(Locale.ROOT), networkKeys, sections);
    return ConfigLoader.parse(toml, HttpConfig.class, HttpConfig.DEFAULTS);
  }

  static HttpConfig config(IoTransportChoice transport) throws ConfigException {
    return config(transport, "", "");
  }

  static HttpTracker start(HttpConfig config) throws Exception {
    return HttpTracker.start(config, WorkerDeaths::record);
  }

  /** Skips the test, with the reason, when the transport cannot run here. */
  static void assumeAvailable(IoTransportChoice choice) {
    if (choice == IoTransportChoice.AUTO) {
      return;
    }
    final IoTransport transport = IoTransport.valueOf(choice.name());
    assumeTrue(
        transport.isAvailable(),
        () -> transport.label() + " unavailable here: " + transport.unavailabilityCause());
  }

  static void assumeAvailable(Family family) {
    assumeTrue(family.isAvailable(), () -> family + " loopback unavailable here");
  }

  static Stream<IoTransportChoice> transports() {
    return Stream.of(IoTransportChoice.IO_URING, IoTransportChoice.EPOLL, IoTransportChoice.NIO);
  }

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
      loopback = InetAddress.ofLiteral(literal);
    }

    InetAddress loopback() {
      return loopback;
    }

    InetSocketAddress of(HttpTracker tracker) {
      return (this == IPV4 ? tracker.localAddressIpv4() : tracker.localAddressIpv6())
          .orElseThrow(() -> new AssertionError(this + " socket not bound"));
    }

    String ipVersion() {
      return this == IPV4 ? "4" : "6";
    }

    /** The response key holding this family's compact peers. */
    String peersKey() {
      return this == IPV4 ? "peers" : "peers6";
    }

    String otherPeersKey() {
      return this == IPV4 ? "peers6" : "peers";
    }

    int peerLength() {
      return this == IPV4 ? 6 : 18;
    }

    boolean isAvailable() {
      try (ServerSocket _ = new ServerSocket(0, 1, loopback)) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
