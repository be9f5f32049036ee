package org.aquaticjava.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.junit.jupiter.api.Test;

/**
 * What the kernel keeps from the tracker: a datagram longer than the receive buffer arrives cut
 * off (counted, and its scrape hashes counted from what arrived), and datagrams that find the
 * socket's receive buffer full are dropped by the kernel, which the tracker reads back from {@code
 * /proc/net/udp}, so that every datagram sent is either counted as a request or as a drop.
 */
class DatagramLossMetricsIntegrationTest {
  private static final int SCRAPE_HEADER = 16;

  @Test
  void aDatagramLongerThanTheBufferIsCountedAsTruncatedAndItsHashesFromWhatArrived() throws Exception {
    try (UdpTracker tracker = TestTrackers.start(ipv4Only());
        RawUdpSocket raw = RawUdpSocket.open(tracker.localAddressIpv4().orElseThrow())) {
      final long id = raw.connect();
      // 3,274 hashes: 65,496 bytes sent, 2,048 kept by the kernel = 101 whole hashes, 70 answered.
      final UdpResponse cut =
          raw.exchangeParsed(RawUdpSocket.scrapeWithHashBytes(id, 1, 3274 * 20));
      assertThat(cut.outcome()).isEqualTo(ResponseOutcome.SCRAPE);
      assertThat(counter(tracker, "aquatic_udp_datagrams_truncated_total")).isEqualTo(1);
      assertThat(counter(tracker, "aquatic_scrape_info_hashes_truncated_total"))
          .isEqualTo((2048 - SCRAPE_HEADER) / 20 - 70);

      raw.exchangeParsed(RawUdpSocket.scrapeWithHashBytes(id, 2, 80 * 20)); // fits: 1,616 bytes
      assertThat(counter(tracker, "aquatic_udp_datagrams_truncated_total")).isEqualTo(1);
      assertThat(counter(tracker, "aquatic_scrape_info_hashes_truncated_total"))
          .isEqualTo((2048 - SCRAPE_HEADER) / 20 - 70 + 10);
    }
  }

  @Test
  void datagramsTheKernelDropsForAFullReceiveBufferAreCounted() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "needs Linux /proc/net/udp");
    final UdpConfig tinyBuffer =
        TestTrackers.config(
            IoTransportChoice.AUTO,
            """
            socket_workers = 1
            [network]
            use_ipv6 = false
            # the kernel's minimum: a few datagrams
            socket_recv_buffer_size = 1
            """);
    try (UdpTracker tracker = TestTrackers.start(tinyBuffer);
        RawUdpSocket raw = RawUdpSocket.open(tracker.localAddressIpv4().orElseThrow())) {
      final int sent = 50_000;
      final byte[] connect = RawUdpSocket.connectDatagram(7);
      for (int i = 0; i < sent; i++) {
        raw.send(connect);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> counter(tracker, "aquatic_requests_total") + drops(tracker) == sent);
      assertThat(drops(tracker)).isPositive();
    }
  }

  private static UdpConfig ipv4Only() {
    return TestTrackers.config(IoTransportChoice.AUTO, "[network]\nuse_ipv6 = false");
  }

  private static double drops(UdpTracker tracker) {
    return counter(tracker, "aquatic_udp_receive_buffer_drops_total");
  }

  private static double counter(UdpTracker tracker, String name) {
    return MetricValues.sum(tracker.runtime().metrics(), name);
  }
}
