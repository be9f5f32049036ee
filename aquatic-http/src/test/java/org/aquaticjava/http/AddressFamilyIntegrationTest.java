package org.aquaticjava.http;

import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.http.Hashes.filled;
import static org.aquaticjava.testkit.TransportMatrix.assumeAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** With {@code use_ipv6 = false} the IPv4 listener on 0.0.0.0 is IPv4 only, on every transport. */
class AddressFamilyIntegrationTest {
  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void withoutIpv6AnIpv6ClientIsRefusedWhileIpv4IsServed(IoTransportChoice transport)
      throws Exception {
    assumeAvailable(transport);
    LoopbackFamily.IPV6.assumeAvailable();
    final HttpConfig config =
        ConfigLoader.parse(
            """
            socket_workers = 2
            log_level = "warn"
            [network]
            address_ipv4 = "0.0.0.0:0"
            use_ipv6 = false
            transport = "%s"
            """
                .formatted(transport.name().toLowerCase(java.util.Locale.ROOT)),
            HttpConfig.class,
            HttpConfig.DEFAULTS);
    if (transport == IoTransportChoice.IO_URING) {
      assertThatThrownBy(() -> TestTrackers.start(config))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "network.transport: io_uring cannot open an IPv4-only TCP listener on 0.0.0.0:0");
      return;
    }
    try (HttpTracker tracker = TestTrackers.start(config)) {
      assertThat(tracker.localAddressIpv6()).isEmpty();
      final InetSocketAddress v4 = tracker.localAddressIpv4().orElseThrow();
      assertThat(v4.getAddress().getAddress()).as("an AF_INET socket").hasSize(4);
      assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("::1", v4.getPort()), 2_000))
          .isInstanceOf(ConnectException.class);
      try (HttpTestClient client =
          HttpTestClient.http(new InetSocketAddress("127.0.0.1", v4.getPort()))) {
        assertThat(client.scrape(List.of(filled(1))).status()).isEqualTo(200);
      }
    }
  }
}
