package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.http.HttpConfig;
import org.aquaticjava.http.HttpTracker;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.WorkerDeaths;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.udp.UdpConfig;
import org.aquaticjava.udp.UdpTracker;
import org.aquaticjava.ws.WsConfig;
import org.aquaticjava.ws.WsTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A second tracker on an address another one holds refuses to start (exit 2, one line per address
 * naming its key) and the first keeps answering every request: real trackers on loopback, the
 * second started through the real {@code aquatic} command in this JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a second tracker that starts would run until then
class PortSharingTest {
  private static final int REQUESTS = 10;

  @TempDir Path dir;

  /** A running first tracker and the IPv4 and IPv6 ports it holds. */
  private record First(AutoCloseable tracker, int portIpv4, int portIpv6) {}

  private static String toml(String families, int portIpv4, int portIpv6) {
    return """
        socket_workers = 2
        log_level = "off"
        [network]
        address_ipv4 = "127.0.0.1:%d"
        address_ipv6 = "[::1]:%d"
        %s
        """
        .formatted(portIpv4, portIpv6, families);
  }

  private static First start(String protocol, String families) throws Exception {
    final String toml = toml(families, 0, 0);
    return switch (protocol) {
      case "udp" -> {
        final UdpTracker t =
            UdpTracker.start(ConfigLoader.parse(toml, UdpConfig.class, UdpConfig.DEFAULTS), WorkerDeaths::record);
        yield new First(t, port(t.localAddressIpv4().orElse(null)), port(t.localAddressIpv6().orElse(null)));
      }
      case "http" -> {
        final HttpTracker t =
            HttpTracker.start(ConfigLoader.parse(toml, HttpConfig.class, HttpConfig.DEFAULTS), WorkerDeaths::record);
        yield new First(t, port(t.localAddressIpv4().orElse(null)), port(t.localAddressIpv6().orElse(null)));
      }
      case "ws" -> {
        final WsTracker t =
            WsTracker.start(ConfigLoader.parse(toml, WsConfig.class, WsConfig.DEFAULTS), WorkerDeaths::record);
        yield new First(t, port(t.localAddressIpv4().orElse(null)), port(t.localAddressIpv6().orElse(null)));
      }
      default -> throw new IllegalArgumentException(protocol);
    };
  }

  private static int port(InetSocketAddress address) {
    return address == null ? 0 : address.getPort();
  }

  private CliRun second(String protocol, String families, int portIpv4, int portIpv6)
      throws IOException {
    final Path file = dir.resolve(protocol + "-second.toml");
    Files.writeString(file, toml(families, portIpv4, portIpv6));
    return CliRun.of(AquaticMain.trackerCommands(), protocol, "-c", file.toString());
  }

  private static void assumeIpv6Loopback() {
    try (ServerSocket _ = new ServerSocket(0, 1, InetAddress.ofLiteral("::1"))) {
      // available
    } catch (IOException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e);
    }
  }

  @ParameterizedTest(name = "{0} then {1}")
  @CsvSource({"http, ws", "ws, http", "http, http", "ws, ws", "udp, udp"})
  void aSecondTrackerOnEitherFamilysBusyAddressExitsTwoNamingTheKey(String first, String second)
      throws Exception {
    assumeIpv6Loopback();
    final String transport = first.equals("udp") ? "UDP" : "TCP";
    final First running = start(first, "");
    try (AutoCloseable _ = running.tracker()) {
      final CliRun both = second(second, "", running.portIpv4(), running.portIpv6());
      assertThat(both.status()).isEqualTo(2);
      assertThat(both.errLines())
          .containsExactly(
              dir.resolve(second + "-second.toml") + ": network.address_ipv4: 127.0.0.1:" + running.portIpv4()
                  + " (" + transport + ") is already in use by another process, perhaps another"
                  + " tracker or an instance that has not exited yet; stop it or choose another port",
              dir.resolve(second + "-second.toml") + ": network.address_ipv6: [::1]:" + running.portIpv6()
                  + " (" + transport + ") is already in use by another process, perhaps another"
                  + " tracker or an instance that has not exited yet; stop it or choose another port");

      final CliRun ipv6Only = second(second, "use_ipv4 = false", running.portIpv4(), running.portIpv6());
      assertThat(ipv6Only.status()).isEqualTo(2);
      assertThat(ipv6Only.errLines()).singleElement().asString().contains("network.address_ipv6: [::1]:");

      final CliRun ipv4Only = second(second, "use_ipv6 = false", running.portIpv4(), running.portIpv6());
      assertThat(ipv4Only.status()).isEqualTo(2);
      assertThat(ipv4Only.errLines()).singleElement().asString().contains("network.address_ipv4: 127.0.0.1:");

      for (InetSocketAddress address :
          List.of(
              new InetSocketAddress("127.0.0.1", running.portIpv4()),
              new InetSocketAddress("::1", running.portIpv6()))) {
        assertServesEveryRequest(first, address);
      }
    }
  }

  @Test
  void udpAndTcpTrackersMayShareAPortNumber() throws Exception {
    // The UDP tracker's free port may be taken for TCP by another process on a busy machine (the
    // probe then refuses, rightly): try again on another port, a few times.
    for (int attempt = 1; ; attempt++) {
      final First udp = start("udp", "use_ipv6 = false");
      try (AutoCloseable _ = udp.tracker()) {
        final HttpTracker http;
        try {
          http =
              HttpTracker.start(
                  ConfigLoader.parse(toml("use_ipv6 = false", udp.portIpv4(), 0), HttpConfig.class, HttpConfig.DEFAULTS),
                  WorkerDeaths::record);
        } catch (ConfigException e) {
          if (attempt < 5 && e.getMessage().contains("already in use by another process")) {
            continue;
          }
          throw e;
        }
        try (http) {
          assertThat(http.localAddressIpv4().orElseThrow().getPort()).isEqualTo(udp.portIpv4());
          assertServesEveryRequest("udp", new InetSocketAddress("127.0.0.1", udp.portIpv4()));
          assertServesEveryRequest("http", http.localAddressIpv4().orElseThrow());
        }
        return;
      }
    }
  }

  private static void assertServesEveryRequest(String protocol, InetSocketAddress address)
      throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      switch (protocol) {
        case "udp" -> {
          try (UdpTestClient client = UdpTestClient.open(address)) {
            client.connect(); // throws if unanswered
          }
        }
        case "http" -> {
          try (HttpTestClient client = HttpTestClient.http(address)) {
            assertThat(client.scrape(List.of(new byte[20])).status()).isEqualTo(200);
          }
        }
        case "ws" -> assertThat(wsScrape(address)).contains("\"action\":\"scrape\"");
        default -> throw new IllegalArgumentException(protocol.toLowerCase(Locale.ROOT));
      }
    }
  }

  /** One scrape over a new WebSocket connection; the reply's text. */
  private static String wsScrape(InetSocketAddress address) throws Exception {
    return WsExchange.once(address, "{\"action\":\"scrape\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\"}");
  }
}
