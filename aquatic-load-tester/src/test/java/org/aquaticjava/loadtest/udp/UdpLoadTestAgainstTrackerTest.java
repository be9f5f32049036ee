package org.aquaticjava.loadtest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.loadtest.LoadConfig;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.SourcesConfig;
import org.aquaticjava.loadtest.WorkloadConfig;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.udp.UdpConfig;
import org.aquaticjava.udp.UdpTracker;
import org.junit.jupiter.api.Test;

/**
 * Runs the UDP load tester for two seconds against the real UDP tracker on loopback and checks its
 * counts against the tracker's own {@code aquatic_responses_total}: what one side says it answered
 * the other must have received, type by type.
 */
class UdpLoadTestAgainstTrackerTest {
  private static final WorkloadConfig WORKLOAD = new WorkloadConfig(7, 1000, 1.0, 5000, 0.5, 0.05);

  @Test
  void countsMatchTheTrackersMetrics() throws Exception {
    // No per-source limits: the load tester runs flat out from 127.0.0.1, one source. No
    // shedding: running flat out saturates the tracker, and dropped scrapes would be lost counts.
    final String toml =
        """
        socket_workers = 2
        [network]
        use_ipv6 = false
        address_ipv4 = "127.0.0.1:0"
        [rate_limit]
        enabled = false
        [overload]
        enabled = false
        """;
    try (UdpTracker tracker =
        UdpTracker.start(ConfigLoader.parse(toml, UdpConfig.class, UdpConfig.DEFAULTS))) {
      final var bound = tracker.localAddressIpv4().orElseThrow();
      final UdpLoadTestConfig config =
          new UdpLoadTestConfig(
              new HostPort(bound.getHostString(), bound.getPort()).toString(),
              2,
              UdpLoadMode.POPULATION,
              // a generous timeout: a reply that comes late would be counted on one side only
              new LoadConfig(2, 0, 3_000, 1),
              WORKLOAD,
              new UdpLoadTestConfig.Requests(5, 80, 20, 20, 5),
              new UdpLoadTestConfig.Network(2, 16, 0, 60),
              SourcesConfig.DEFAULTS);
      final LoadTestResult result = UdpLoadTest.run(config, new PrintWriter(new StringWriter()));

      assertThat(result.sent()).isEqualTo(result.responses() + result.malformed() + result.lost());
      assertThat(result.lost()).isZero();
      assertThat(result.malformed()).isZero();
      assertThat(result.late()).isZero();
      for (String type : new String[] {"connect", "announce", "scrape"}) {
        assertThat(result.responses(type)).as(type).isPositive();
        assertThat((long) MetricValues.sum(
                tracker.runtime().metrics(), "aquatic_responses_total", "type", type))
            .as(type)
            .isEqualTo(result.responses(type));
      }
      assertThat(result.errors()).isZero();
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_responses_total", "type", "error"))
          .isZero();
    }
  }

  @Test
  void peersSpreadOverSourceAddressesStayUnderTheTrackersPerSourceLimits() throws Exception {
    // Tight limits: 100 announces and 100 scrapes a second per source, one socket worker.
    final String toml =
        """
        socket_workers = 1
        [network]
        use_ipv6 = false
        address_ipv4 = "127.0.0.1:0"
        [rate_limit.udp_announce]
        rate = 100
        burst = 100
        [rate_limit.udp_scrape]
        rate = 100
        burst = 100
        [overload]
        enabled = false
        """;
    try (UdpTracker tracker =
        UdpTracker.start(ConfigLoader.parse(toml, UdpConfig.class, UdpConfig.DEFAULTS))) {
      final var bound = tracker.localAddressIpv4().orElseThrow();
      final String server = new HostPort(bound.getHostString(), bound.getPort()).toString();
      // 1,000 requests a second for 2 s: about 16 a second from each of 64 sources.
      final LoadTestResult spread = run(server, new SourcesConfig("127.5.0.0/26", 0), 32);
      assertThat(spread.lost()).isZero();
      assertThat(spread.errors()).isZero();
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_source_limits_hit_total"))
          .isZero();

      // The same from one address: far over 100 a second, so limited.
      final LoadTestResult single = run(server, SourcesConfig.DEFAULTS, 2);
      assertThat(single.lost()).isPositive();
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_source_limits_hit_total"))
          .isPositive();
    }
  }

  private static LoadTestResult run(String server, SourcesConfig sources, int socketsPerWorker)
      throws Exception {
    return UdpLoadTest.run(
        new UdpLoadTestConfig(
            server,
            2,
            UdpLoadMode.POPULATION,
            new LoadConfig(2, 1000, 3_000, 1),
            WORKLOAD,
            new UdpLoadTestConfig.Requests(0, 80, 20, 20, 5),
            new UdpLoadTestConfig.Network(socketsPerWorker, 16, 0, 60),
            sources),
        new PrintWriter(new StringWriter()));
  }
}
