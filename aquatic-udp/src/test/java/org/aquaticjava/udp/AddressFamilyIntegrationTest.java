package org.aquaticjava.udp;

import org.aquaticjava.testkit.TransportMatrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.LoopbackFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each listener has its own address family on every transport: with {@code use_ipv6 = false} the
 * IPv4 socket on 0.0.0.0 does not answer IPv6; with both families on the wildcard addresses of one
 * port, every request is counted under the family it came in.
 */
class AddressFamilyIntegrationTest {
  private static final int REQUESTS = 20;

  private static UdpConfig wildcard(IoTransportChoice transport, int port, boolean ipv6) {
    return TestTrackers.config(
        transport,
        """
        [network]
        use_ipv6 = %b
        address_ipv4 = "0.0.0.0:%d"
        address_ipv6 = "[::]:%d"
        """
            .formatted(ipv6, port, port));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void withoutIpv6AnIpv6ClientGetsNoAnswer(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    LoopbackFamily.IPV6.assumeAvailable();
    try (UdpTracker tracker = TestTrackers.start(wildcard(transport, 0, false))) {
      assertThat(tracker.localAddressIpv6()).isEmpty();
      final int port = tracker.localAddressIpv4().orElseThrow().getPort();
      try (UdpTestClient v4 = UdpTestClient.open(new InetSocketAddress("127.0.0.1", port))) {
        v4.connect();
      }
      try (UdpTestClient v6 =
          UdpTestClient.open(new InetSocketAddress("::1", port), Duration.ofMillis(500))) {
        assertThatThrownBy(v6::connect).isInstanceOf(IOException.class);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void withBothFamiliesOnOnePortEachRequestCountsUnderItsFamily(IoTransportChoice transport)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    LoopbackFamily.IPV6.assumeAvailable();
    final int port;
    try (DatagramSocket free = new DatagramSocket(new InetSocketAddress("::", 0))) {
      port = free.getLocalPort(); // free on both families (the JDK's socket is dual-stack)
    }
    try (UdpTracker tracker = TestTrackers.start(wildcard(transport, port, true))) {
      for (int i = 0; i < REQUESTS; i++) {
        try (UdpTestClient v4 = UdpTestClient.open(new InetSocketAddress("127.0.0.1", port));
            UdpTestClient v6 = UdpTestClient.open(new InetSocketAddress("::1", port))) {
          v4.connect();
          v6.connect();
        }
      }
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_requests_total", "ip_version", "4"))
          .isEqualTo(REQUESTS);
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_requests_total", "ip_version", "6"))
          .isEqualTo(REQUESTS);
    }
  }
}
