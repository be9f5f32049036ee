package org.aquaticjava.loadtest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.http.HttpConfig;
import org.aquaticjava.http.HttpTracker;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.loadtest.LoadConfig;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.ReportPrinter;
import org.aquaticjava.loadtest.SelfSignedPem;
import org.aquaticjava.loadtest.SourcesConfig;
import org.aquaticjava.loadtest.WorkloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the real load tester for about two seconds against the real HTTP tracker on 127.0.0.1 and
 * checks its counts against the tracker's own {@code aquatic_responses_total}.
 */
class HttpLoadTestTest {
  private static final WorkloadConfig WORKLOAD = new WorkloadConfig(99, 1000, 1.0, 5000, 0.5, 0.05);

  @TempDir Path dir;

  private static HttpTracker startTracker(String networkKeys) throws Exception {
    return startTracker(networkKeys, "");
  }

  /**
   * A tracker without per-source limits: the load tester runs flat out from 127.0.0.1, one source,
   * and these tests compare its counts with the tracker's.
   */
  private static HttpTracker startTracker(String networkKeys, String sections) throws Exception {
    return startTracker(networkKeys, sections, "[rate_limit]\nenabled = false");
  }

  private static HttpTracker startTracker(String networkKeys, String sections, String rateLimit)
      throws Exception {
    final String toml =
        """
        socket_workers = 1
        log_level = "warn"
        [network]
        use_ipv6 = false
        address_ipv4 = "127.0.0.1:0"
        transport = "nio"
        %s
        [protocol]
        max_peers = 30
        %s
        [overload]
        enabled = false
        %s
        """
            .formatted(networkKeys, rateLimit, sections);
    return HttpTracker.start(ConfigLoader.parse(toml, HttpConfig.class, HttpConfig.DEFAULTS));
  }

  private static String address(HttpTracker tracker) {
    final InetSocketAddress address = tracker.localAddressIpv4().orElseThrow();
    return "127.0.0.1:" + address.getPort();
  }

  private static HttpLoadTestConfig config(
      String server, boolean keepAlive, int durationSeconds, int rate, int numWant) {
    return new HttpLoadTestConfig(
        server,
        2,
        new LoadConfig(durationSeconds, rate, 1000, 1),
        WORKLOAD,
        new HttpLoadTestConfig.Requests(80, 20, numWant, 5, "/announce", "/scrape"),
        new HttpLoadTestConfig.Network(8, keepAlive, 1000, false, false, ""),
        SourcesConfig.DEFAULTS);
  }

  private static LoadTestResult run(HttpLoadTestConfig config) throws Exception {
    final StringWriter progress = new StringWriter();
    final LoadTestResult result = HttpLoadTest.run(config, new PrintWriter(progress, true)).load();
    assertThat(progress.toString()).contains("http load test: target");
    return result;
  }

  /** Sum of {@code aquatic_responses_total{type=...}} over all label sets. */
  private static long responses(HttpTracker tracker, String type) {
    return (long) MetricValues.sum(tracker.runtime().metrics(), "aquatic_responses_total", "type", type);
  }

  /** Both request types got through, and everything matches the tracker. */
  private static void assertBusyAndMatchesTracker(LoadTestResult result, HttpTracker tracker) {
    assertThat(result.responses("announce")).isPositive();
    assertThat(result.responses("scrape")).isPositive();
    assertMatchesTracker(result, tracker);
  }

  private static void assertMatchesTracker(LoadTestResult result, HttpTracker tracker) {
    assertThat(result.sent()).isEqualTo(result.responses() + result.malformed() + result.lost());
    assertThat(result.lost()).isZero();
    assertThat(result.malformed()).isZero();
    assertThat(result.errors()).isZero().isEqualTo(responses(tracker, "error"));
    assertThat(result.late()).isZero();
    assertThat(result.responses("announce")).isEqualTo(responses(tracker, "announce"));
    assertThat(result.responses("scrape")).isEqualTo(responses(tracker, "scrape"));
    assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.responses());
  }

  @Test
  void keepAliveCountsMatchTheTrackersMetrics() throws Exception {
    try (HttpTracker tracker = startTracker("")) {
      final LoadTestResult result = run(config(address(tracker), true, 2, 0, 20));
      assertBusyAndMatchesTracker(result, tracker);
      assertThat(result.percentileMicros(50)).isPositive();
      assertThat(ReportPrinter.summaryLine(result))
          .startsWith("SUMMARY protocol=http ")
          .contains(" announce=" + result.responses("announce") + " ")
          .contains(" p999_us=");
    }
  }

  @Test
  void connectionPerRequestCountsMatchTheTrackersMetrics() throws Exception {
    try (HttpTracker tracker = startTracker("")) {
      assertBusyAndMatchesTracker(run(config(address(tracker), false, 2, 0, 20)), tracker);
    }
  }

  /** An HTTPS tracker with a throw-away ECDSA certificate. */
  private HttpTracker startHttpsTracker() throws Exception {
    final SelfSignedPem pem = SelfSignedPem.write(dir);
    return startTracker(
        "[network.tls]\nenable_tls = true\ntls_certificate_path = \"%s\"\ntls_private_key_path = \"%s\""
            .formatted(pem.chain(), pem.key()));
  }

  private static HttpLoadTestConfig tlsPerRequest(String server, boolean resume, String protocol) {
    final HttpLoadTestConfig plain = config(server, false, 2, 0, 20);
    return new HttpLoadTestConfig(
        plain.serverAddress(),
        plain.workers(),
        plain.load(),
        plain.workload(),
        plain.requests(),
        new HttpLoadTestConfig.Network(8, false, 1000, true, resume, protocol),
        SourcesConfig.DEFAULTS);
  }

  private static double handshakes(HttpTracker tracker, String kind) {
    return MetricValues.sum(tracker.runtime().metrics(), "aquatic_tls_handshakes_total", "kind", kind);
  }

  @Test
  void tlsConnectionPerRequestDoesAFullHandshakeEachTime() throws Exception {
    try (HttpTracker tracker = startHttpsTracker()) {
      final LoadTestResult result = run(tlsPerRequest(address(tracker), false, ""));
      assertBusyAndMatchesTracker(result, tracker);
      assertThat(handshakes(tracker, "resumed")).isZero();
      assertThat(handshakes(tracker, "full")).isGreaterThanOrEqualTo(result.responses());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void tlsConnectionPerRequestResumesSessions(String protocol) throws Exception {
    try (HttpTracker tracker = startHttpsTracker()) {
      final LoadTestResult result = run(tlsPerRequest(address(tracker), true, protocol));
      assertBusyAndMatchesTracker(result, tracker);
      // Connections opened before the first session arrived, or while the cache had none left,
      // are full handshakes; the rest resume.
      assertThat(handshakes(tracker, "resumed")).isGreaterThan(handshakes(tracker, "full"));
    }
  }

  @Test
  void tlsResumptionWithoutTlsIsAProblem() {
    final HttpLoadTestConfig config = config("127.0.0.1:1", false, 1, 0, 20);
    final HttpLoadTestConfig.Network network = new HttpLoadTestConfig.Network(8, false, 1000, false, true, "TLSv1.1");
    assertThat(
            new HttpLoadTestConfig(
                    config.serverAddress(), 2, config.load(), config.workload(), config.requests(), network,
                    SourcesConfig.DEFAULTS)
                .problems())
        .contains(
            "network.tls_resume_sessions needs network.tls = true",
            "network.tls_protocol must be \"TLSv1.2\", \"TLSv1.3\" or \"\", not \"TLSv1.1\"");
  }

  @Test
  void trackerThatClosesAfterEveryReplyIsFollowed() throws Exception {
    try (HttpTracker tracker = startTracker("keep_alive = false")) {
      assertBusyAndMatchesTracker(run(config(address(tracker), true, 2, 0, 20)), tracker);
    }
  }

  @Test
  void openLoopNeverExceedsTheSchedule() throws Exception {
    try (HttpTracker tracker = startTracker("")) {
      final LoadTestResult result = run(config(address(tracker), true, 2, 300, 20));
      assertMatchesTracker(result, tracker);
      assertThat(result.sent()).isPositive();
      assertThat(result.rate()).isEqualTo(300);
      assertThat(result.sent())
          .isLessThanOrEqualTo((long) Math.ceil(300 * result.durationSeconds()) + 2);
    }
  }

  @Test
  void failureReasonsAreErrorsCountedByMessage() throws Exception {
    // A whitelist that admits nothing: every announce and scrape is refused with a failure reason.
    final Path whitelist = Files.writeString(dir.resolve("whitelist"), "");
    final String accessList =
        "[access_list]\nmode = \"allow\"\npath = \"%s\"".formatted(whitelist);
    try (HttpTracker tracker = startTracker("", accessList)) {
      final HttpLoadTestConfig announcesOnly =
          new HttpLoadTestConfig(
              address(tracker),
              1,
              new LoadConfig(1, 0, 1000, 1),
              WORKLOAD,
              new HttpLoadTestConfig.Requests(1, 0, 20, 5, "/announce", "/scrape"),
              new HttpLoadTestConfig.Network(4, true, 1000, false, false, ""),
              SourcesConfig.DEFAULTS);
      final LoadTestResult result = run(announcesOnly);
      assertThat(result.errors()).isEqualTo(responses(tracker, "error"));
      assertThat(result.sent()).isEqualTo(result.responses() + result.malformed() + result.lost());
      assertThat(result.errors()).isPositive().isEqualTo(result.responses());
      assertThat(result.errorMessages()).isNotEmpty();
      assertThat(result.errorMessages().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(result.errors());
    }
  }

  @Test
  void requestOnAConnectionTheTrackerClosedSilentlyIsSentAgainNotLost() throws Exception {
    try (SilentClosingTracker tracker = new SilentClosingTracker()) {
      final LoadTestResult result = run(config(tracker.serverAddress(), true, 1, 0, 20));
      tracker.stop();
      assertThat(result.lost()).isZero();
      assertThat(result.malformed()).isZero();
      assertThat(result.late()).as("late").isZero();
      // The stand-in may also have answered what was in flight when the run ended and the load
      // tester stopped reading: at most one request per connection (2 workers x 8 connections).
      assertThat(result.responses()).isPositive();
      assertThat(tracker.served.get()).isBetween(result.responses(), result.responses() + 16);
      assertThat(result.sent()).isEqualTo(result.responses());
    }
  }

  /** A tracker whose per-source HTTP limit is a burst of {@code burst} and then 1 request a second. */
  private static HttpTracker startLimitedTracker(int burst) throws Exception {
    return startTracker(
        "",
        "",
        "[rate_limit]\nnotice_interval = 60\n[rate_limit.http_requests]\nrate = 1\nburst = " + burst);
  }

  private static HttpLoadTestConfig withSources(
      HttpLoadTestConfig config, int connections, boolean keepAlive, String block, int addresses) {
    return new HttpLoadTestConfig(
        config.serverAddress(),
        config.workers(),
        config.load(),
        config.workload(),
        config.requests(),
        new HttpLoadTestConfig.Network(connections, keepAlive, 1000, false, false, ""),
        new SourcesConfig(block, addresses));
  }

  private static long limitHits(HttpTracker tracker) {
    return (long)
        MetricValues.sum(
            tracker.runtime().metrics(), "aquatic_source_limits_hit_total", "limit", "http_request");
  }

  @Test
  void keepAliveConnectionsFromManySourcesStayUnderTheLimitOneSourceMeets() throws Exception {
    try (HttpTracker tracker = startLimitedTracker(20)) {
      // 8 connections on 8 addresses, about 80 requests: about 10 per source, under the burst.
      final StringWriter progress = new StringWriter();
      final HttpRunResult spread =
          HttpLoadTest.run(
              withSources(config(address(tracker), true, 2, 40, 20), 8, true, "127.3.0.0/29", 0),
              new PrintWriter(progress, true));
      assertThat(progress.toString()).contains("sources: 8 address(es) from 127.3.0.0");
      assertMatchesTracker(spread.load(), tracker);
      assertThat(spread.connections().status429()).isZero();
      assertThat(spread.connections().closedByTracker()).isZero();
      assertThat(limitHits(tracker)).isZero();

      // One source, flat out: one 429 with retry in, then closed connections; all counted.
      final StringWriter abuserProgress = new StringWriter();
      final HttpRunResult abuser =
          HttpLoadTest.run(
              withSources(config(address(tracker), true, 1, 0, 20), 4, true, "127.3.1.1", 1),
              new PrintWriter(abuserProgress, true));
      final LoadTestResult result = abuser.load();
      assertThat(result.sent()).isEqualTo(result.responses() + result.malformed() + result.lost());
      assertThat(result.malformed()).isZero();
      assertThat(result.responses("announce") + result.responses("scrape"))
          .isPositive()
          .isLessThanOrEqualTo(20 + 3);
      assertThat(abuser.connections().status429()).isEqualTo(1);
      assertThat(abuser.connections().retryIn()).isEqualTo(1);
      assertThat(result.errorMessages())
          .containsOnlyKeys("HTTP status 429: too many requests from your address, retry later");
      assertThat(abuser.connections().closedByTracker()).isPositive();
      assertThat(result.lost()).isPositive();
      // Refused connections wait for the 5 ms sweep before connecting again.
      assertThat(abuser.connections().opened()).isLessThan(4 * 2 * 1000 / 5);
      // Every lost request was refused (some twice: a request on a reused connection is retried).
      assertThat(limitHits(tracker)).isGreaterThanOrEqualTo(1 + result.lost());
      assertThat(abuserProgress.toString())
          .contains("CONNECTIONS protocol=http opened=" + abuser.connections().opened() + " ")
          .contains(" status_429=1 retry_in=1");
    }
  }

  @Test
  void aConnectionPerRequestTakesTheNextSourceAddress() throws Exception {
    try (HttpTracker tracker = startLimitedTracker(3)) {
      // About 100 connections, each from a new address of 127.5.0.0/16: none over its burst of 3.
      final HttpRunResult run =
          HttpLoadTest.run(
              withSources(config(address(tracker), false, 1, 100, 20), 8, false, "127.5.0.0/16", 0),
              new PrintWriter(new StringWriter()));
      assertMatchesTracker(run.load(), tracker);
      assertThat(run.load().sent()).isGreaterThan(50);
      assertThat(run.connections().opened()).isEqualTo(run.load().sent());
      assertThat(limitHits(tracker)).isZero();
    }
  }

  @Test
  void sourcesNeedAnIpv4Target() {
    final HttpLoadTestConfig config =
        withSources(config("[::1]:1", true, 1, 0, 20), 8, true, "127.3.0.0/29", 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> HttpLoadTest.run(config, new PrintWriter(new StringWriter())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server_address must be IPv4");
  }
}
