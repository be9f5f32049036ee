package org.aquaticjava.udp;

import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Start-up errors, several socket workers, the metrics endpoint and shutdown. */
class TrackerLifecycleIntegrationTest {
  private static final int CLIENTS_PER_FAMILY = 24;
  private static final String METRICS_ON_LOOPBACK =
      "[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = \"127.0.0.1:0\"";

  @Test
  void aConfigWithoutAnyAddressFamilyCannotBeBuilt() {
    // The config loader reports it with the others (exit status 2), so no tracker ever sees one.
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "[network]\nuse_ipv4 = false\nuse_ipv6 = false\n", UdpConfig.class, UdpConfig.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("use_ipv4 and use_ipv6 are both false");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void startFailsWhenThePortIsTakenWithoutReusePortAndLeavesNothingRunning(
      IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      final UdpConfig config =
          TestTrackers.config(
              transport, "[network]\naddress_ipv4 = \"127.0.0.1:%d\"".formatted(squatter.getLocalPort()));
      // The same config error on every transport, naming the key and the address (PortProbe).
      assertThatThrownBy(() -> TestTrackers.start(config))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "network.address_ipv4: 127.0.0.1:" + squatter.getLocalPort() + " (UDP) is already in use");
    }
    awaitNoTrackerThreads();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void severalSocketWorkersAnswerManyClientsAndTheirCountersAddUp(IoTransportChoice transport)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    LoopbackFamily.IPV6.assumeAvailable();
    final UdpConfig config = TestTrackers.config(transport, "socket_workers = 2");
    try (UdpTracker tracker = TestTrackers.start(config)) {
      final List<UdpTestClient> clients = new ArrayList<>();
      try {
        for (LoopbackFamily family : LoopbackFamily.values()) {
          for (int i = 0; i < CLIENTS_PER_FAMILY; i++) {
            clients.add(UdpTestClient.open(family.of(tracker)));
          }
        }
        int port = 10_000;
        for (UdpTestClient client : clients) {
          client.announce(infoHash(1), peerId(port), port++, AnnounceEvent.STARTED, 0);
        }
      } finally {
        clients.forEach(UdpTestClient::close);
      }
      for (LoopbackFamily family : LoopbackFamily.values()) {
        final String v = family.ipVersion();
        final double w0 = connects(tracker, v, "0");
        final double w1 = connects(tracker, v, "1");
        assertThat(w0 + w1).isEqualTo(CLIENTS_PER_FAMILY);
        assertThat(connects(tracker, v, null)).isEqualTo(CLIENTS_PER_FAMILY);
        // SO_REUSEPORT hashes the source port: all 24 on one worker has odds of 2^-23.
        assertThat(w0).as("worker 0, IPv%s", v).isPositive();
        assertThat(w1).as("worker 1, IPv%s", v).isPositive();
        assertThat(MetricValues.sum(tracker.runtime().metrics(),
                "aquatic_requests_total", "ip_version", v))
            .isEqualTo(2 * CLIENTS_PER_FAMILY);
        assertThat(
                MetricValues.sum(
                    tracker.runtime().metrics(),
                    "aquatic_responses_total", "type", "announce", "ip_version", v))
            .isEqualTo(CLIENTS_PER_FAMILY);
      }
    }
  }

  private static double connects(UdpTracker tracker, String ipVersion, String worker) {
    return worker == null
        ? MetricValues.sum(
            tracker.runtime().metrics(),
            "aquatic_responses_total", "type", "connect", "ip_version", ipVersion)
        : MetricValues.sum(
            tracker.runtime().metrics(),
            "aquatic_responses_total",
            "type",
            "connect",
            "ip_version",
            ipVersion,
            "worker_index",
            worker);
  }

  @Test
  void metricsEndpointServesTheTrackerMetrics() throws Exception {
    final UdpConfig config =
        TestTrackers.config(IoTransportChoice.AUTO, METRICS_ON_LOOPBACK);
    try (UdpTracker tracker = TestTrackers.start(config);
        UdpTestClient client = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      client.announce(infoHash(1), peerId(1), 6881, AnnounceEvent.STARTED, 0);
      client.scrape(infoHash(1));
      final InetSocketAddress endpoint = tracker.runtime().metricsAddress().orElseThrow();
      final HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + endpoint.getPort() + "/metrics"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .containsPattern("(?m)^aquatic_requests_total\\{ip_version=\"4\",protocol=\"udp\",type=\"announce\",worker_index=\"\\d\"} ")
          .containsPattern(
              "(?m)^aquatic_responses_total\\{ip_version=\"4\",protocol=\"udp\",type=\"announce\",worker_index=\"\\d\"} 1")
          .containsPattern(
              "(?m)^aquatic_responses_total\\{ip_version=\"4\",protocol=\"udp\",type=\"scrape\",worker_index=\"\\d\"} 1")
          .containsPattern("(?m)^aquatic_peers_per_torrent\\{ip_version=\"6\",swarms=\"bittorrent\",type=\"p95\"} ")
          .containsPattern("(?m)^aquatic_peers\\{ip_version=\"4\",swarms=\"bittorrent\"} ")
          .containsPattern("(?m)^aquatic_dropped_requests_total\\{")
          .containsPattern("(?m)^aquatic_access_list_entries ")
          // client_java always suffixes counters with _total; aquatic exports aquatic_rx_bytes
          .containsPattern("(?m)^aquatic_rx_bytes_total\\{ip_version=\"4\",protocol=\"udp\",worker_index=\"\\d\"} ")
          .containsPattern("(?m)^aquatic_tx_bytes_total\\{ip_version=\"4\",protocol=\"udp\",worker_index=\"\\d\"} ");
    }
  }

  @Test
  void closeIsIdempotentAndFreesPortsAndThreads() throws Exception {
    final UdpConfig config =
        TestTrackers.config(IoTransportChoice.AUTO, METRICS_ON_LOOPBACK);
    final UdpTracker tracker = TestTrackers.start(config);
    final InetSocketAddress v4 = LoopbackFamily.IPV4.of(tracker);
    final InetSocketAddress v6 = LoopbackFamily.IPV6.of(tracker);
    final InetSocketAddress metrics = tracker.runtime().metricsAddress().orElseThrow();
    try (UdpTestClient client = UdpTestClient.open(v4)) {
      client.connect();
    }
    tracker.close();
    tracker.close();
    tracker.awaitTermination(); // returns at once once closed

    // plain sockets without SO_REUSEPORT can bind only if the tracker's are gone
    try (DatagramSocket a = new DatagramSocket(v4);
        DatagramSocket b = new DatagramSocket(v6);
        ServerSocket c = new ServerSocket(metrics.getPort(), 1, metrics.getAddress())) {
      assertThat(a.getLocalPort()).isEqualTo(v4.getPort());
      assertThat(b.getLocalPort()).isEqualTo(v6.getPort());
      assertThat(c.getLocalPort()).isEqualTo(metrics.getPort());
    }
    awaitNoTrackerThreads();
  }

  /** The worker threads of every tracker (closed ones included) are gone. */
  private static void awaitNoTrackerThreads() {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .noneMatch(
                        name ->
                            name.startsWith("udp-socket-")
                                || name.startsWith("cleaning")
                                || name.startsWith("access-list-watch")
                                || name.equals("prometheus")));
  }
}
