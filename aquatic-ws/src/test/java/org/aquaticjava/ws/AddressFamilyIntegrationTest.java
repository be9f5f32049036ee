package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** With {@code use_ipv6 = false} the IPv4 listener on 0.0.0.0 is IPv4 only, on every transport. */
class AddressFamilyIntegrationTest {
  @ParameterizedTest
  @MethodSource("org.aquaticjava.ws.TestTrackers#transports")
  void withoutIpv6AnIpv6ClientIsRefusedWhileIpv4IsServed(IoTransport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " unavailable: " + transport.unavailabilityCause());
    final TestTrackers.Builder config = TestTrackers.builder().transport(transport);
    config.addressIpv4 = "0.0.0.0:0";
    config.useIpv6 = false;
    if (transport == IoTransport.IO_URING) {
      assertThatThrownBy(config::start)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("network.transport: io_uring cannot open an IPv4-only TCP listener on 0.0.0.0:0");
      return;
    }
    try (WsTracker tracker = config.start()) {
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
