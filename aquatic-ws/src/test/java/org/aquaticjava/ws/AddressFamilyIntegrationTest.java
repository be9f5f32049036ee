package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.TransportMatrix;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** With {@code use_ipv6 = false} the IPv4 listener on 0.0.0.0 is IPv4 only, on every transport. */
class AddressFamilyIntegrationTest {
  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void withoutIpv6AnIpv6ClientIsRefusedWhileIpv4IsServed(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    final WsConfig config =
        TestTrackers.config(
            transport,
            """
            [network]
            address_ipv4 = "0.0.0.0:0"
            use_ipv6 = false
            """);
    if (transport == IoTransportChoice.IO_URING) {
      assertThatThrownBy(() -> TestTrackers.start(config))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("network.transport: io_uring cannot open an IPv4-only TCP listener on 0.0.0.0:0");
      return;
    }
    try (WsTracker tracker = TestTrackers.start(config)) {
      assertThat(tracker.localAddressIpv6()).isEmpty();
      final int port = tracker.localAddressIpv4().orElseThrow().getPort();
      assertThat(tracker.localAddressIpv4().orElseThrow().getAddress().getAddress()).hasSize(4);
      assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("::1", port), 2_000))
          .isInstanceOf(ConnectException.class);
      try (WsTestClient client = WsTestClient.connect(new InetSocketAddress("127.0.0.1", port))) {
        client.send(Messages.scrape(Messages.IH));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
    }
  }
}
