package org.aquaticjava.loadtest.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.AccessListMode;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.ListenConfig;
import org.aquaticjava.core.config.LogLevel;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.aquaticjava.core.config.TcpConfig;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.loadtest.LoadConfig;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.SourcesConfig;
import org.aquaticjava.loadtest.ReportPrinter;
import org.aquaticjava.loadtest.SelfSignedPem;
import org.aquaticjava.loadtest.WorkloadConfig;
import org.aquaticjava.ws.WsConfig;
import org.aquaticjava.ws.WsTracker;
import org.aquaticjava.testkit.RateLimits;
import org.aquaticjava.testkit.Saturation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real load tester for a second or two against the real WebTorrent tracker on loopback
 * and checks every count against the tracker's own metrics.
 */
class WsLoadTestTest {
  /** 200 torrents with a heavy head, so swarms have members to relay offers to. */
  private static final WorkloadConfig WORKLOAD = new WorkloadConfig(7, 200, 1.2, 64, 0.25, 0.0);

  private final ConcurrentLinkedQueue<String> fatal = new ConcurrentLinkedQueue<>();
  private WsTracker tracker;

  @BeforeEach
  void startTracker() throws Exception {
    startTracker(AccessListConfig.DEFAULTS, TlsConfig.DEFAULTS);
  }

  private void startTracker(AccessListConfig accessList, TlsConfig tls) throws Exception {
    // the load tester runs flat out from 127.0.0.1, one source
    startTracker(accessList, tls, RateLimits.off());
  }

  private void startTracker(AccessListConfig accessList, TlsConfig tls, RateLimitConfig rateLimit)
      throws Exception {
    final WsConfig config =
        new WsConfig(
            2,
            LogLevel.WARN,
            new WsConfig.Network(
                new ListenConfig(true, false, "127.0.0.1:0", "[::1]:0", true),
                new TcpConfig(128),
                0,
                "",
                IoTransportChoice.AUTO,
                tls),
            new WsConfig.Limits(1000, 65_536, 65_536, 0, 500, 262_144, 256, 10, 10, 1000, 4096, 8192),
            WsConfig.Protocol.DEFAULTS,
            WsConfig.Cleaning.DEFAULTS,
            accessList,
            MetricsConfig.DEFAULTS,
            PersistenceConfig.DEFAULTS,
            StatsConfig.DEFAULTS,
            rateLimit,
            Saturation.OFF); // flat out saturates the tracker: no raised intervals in the counts
    tracker = WsTracker.start(config, (worker, cause) -> fatal.add(worker + ": " + cause));
  }

  @AfterEach
  void stopTracker() {
    tracker.close();
    assertThat(fatal).isEmpty();
  }

  private WsLoadTestConfig config(int rate, int durationSeconds) {
    return config(rate, durationSeconds, false);
  }

  private WsLoadTestConfig config(int rate, int durationSeconds, boolean tls) {
    return config(rate, durationSeconds, tls, 0);
  }

  private WsLoadTestConfig config(int rate, int durationSeconds, boolean tls, int warmupDuration) {
    return config(rate, durationSeconds, tls, warmupDuration, new WsLoadTestConfig.Requests(80, 20, 5, 4), 0, SourcesConfig.DEFAULTS);
  }

  private WsLoadTestConfig config(
      int rate,
      int durationSeconds,
      boolean tls,
      int warmupDuration,
      WsLoadTestConfig.Requests requests,
      int requestsPerConnection,
      SourcesConfig sources) {
    final var address = tracker.localAddressIpv4().orElseThrow();
    return new WsLoadTestConfig(
        "127.0.0.1:" + address.getPort(),
        "/announce",
        tls,
        2,
        warmupDuration,
        new LoadConfig(durationSeconds, rate, 2000, 1),
        WORKLOAD,
        requests,
        new WsLoadTestConfig.Network(2000, 4, 65_536, 5000, requestsPerConnection),
        sources);
  }

  private long trackerCount(String name, String type) {
    return trackerCount(name, "type", type);
  }

  private long trackerCount(String name, String label, String value) {
    long sum = 0;
    for (MetricSnapshot snapshot : tracker.runtime().metrics().registry().scrape()) {
      if (!snapshot.getMetadata().getPrometheusName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        if (value.equals(point.getLabels().get(label))) {
          sum += (long) ((CounterSnapshot.CounterDataPointSnapshot) point).getValue();
        }
      }
    }
    return sum;
  }

  @Test
  void closedLoopCountsMatchTheTrackersMetricsExactly() throws Exception {
    final StringWriter progress = new StringWriter();
    final WsRunResult run = WsLoadTest.run(config(0, 2), new PrintWriter(progress, true));
    final LoadTestResult result = run.load();

    assertThat(progress.toString()).contains("ws load test: target ws://127.0.0.1:").contains("offer/s=");
    assertThat(run.connections().opened()).isEqualTo(64);
    assertThat(run.connections().failed()).isZero();
    assertThat(run.connections().closedByTracker()).isZero();
    assertThat(result.lost()).isZero();
    assertThat(result.malformed()).isZero();
    assertThat(result.late()).isZero();

    final long announces = result.responses("announce");
    final long scrapes = result.responses("scrape");
    final long offers = result.responses("offer");
    final long answers = result.responses("answer");
    assertThat(result.sent()).isEqualTo(announces + scrapes);
    assertThat(announces).isPositive().isEqualTo(trackerCount("aquatic_responses", "announce"));
    assertThat(scrapes).isPositive().isEqualTo(trackerCount("aquatic_responses", "scrape"));
    assertThat(offers).isPositive().isEqualTo(trackerCount("aquatic_responses", "offer"));
    assertThat(answers).isPositive().isEqualTo(trackerCount("aquatic_responses", "answer"));
    // Every offer is answered; the tracker relays each answer to its offerer unless the offer was
    // superseded by the offerer's next announce (refused with an error) or the offerer is gone.
    final long noMatchingOffer =
        trackerCount("aquatic_ws_answers_not_relayed", "reason", "no_matching_offer");
    final long unknownOfferer =
        trackerCount("aquatic_ws_answers_not_relayed", "reason", "unknown_offerer");
    assertThat(result.errors())
        .isEqualTo(trackerCount("aquatic_responses", "error"))
        .isEqualTo(noMatchingOffer);
    if (result.errors() > 0) {
      assertThat(result.errorMessages())
          .containsOnlyKeys(
              "Could not find the offer corresponding to your answer. It may have expired.");
    }
    assertThat(run.connections().answersSent())
        .isEqualTo(offers)
        .isEqualTo(answers + noMatchingOffer + unknownOfferer);
    assertThat(trackerCount("aquatic_requests", "announce"))
        .isEqualTo(announces + run.connections().answersSent());
    assertThat(trackerCount("aquatic_requests", "scrape")).isEqualTo(scrapes);
    assertThat(result.latencyNanos().getTotalCount()).isEqualTo(announces);
    assertThat(ReportPrinter.summaryLine(result))
        .startsWith("SUMMARY protocol=ws ")
        .contains(" announce=" + announces + " offer=" + offers + " answer=" + answers + " ")
        .contains(" lost=0 ");
  }

  @Test
  void openLoopKeepsToTheScheduleAndAccountsForEveryRequest() throws Exception {
    final WsRunResult run = WsLoadTest.run(config(300, 1), new PrintWriter(new StringWriter()));
    final LoadTestResult result = run.load();
    assertThat(result.rate()).isEqualTo(300);
    assertThat(result.sent())
        .isPositive()
        .isLessThanOrEqualTo((long) Math.ceil(300 * result.durationSeconds()) + 2);
    assertThat(result.sent())
        .isEqualTo(
            result.responses("announce")
                + result.responses("scrape")
                + result.errors()
                + result.malformed()
                + result.lost());
    assertThat(result.responses("announce")).isEqualTo(trackerCount("aquatic_responses", "announce"));
    assertThat(result.responses("offer")).isEqualTo(trackerCount("aquatic_responses", "offer"));
  }

  @Test
  void warmUpTrafficIsNotMeasuredAndItsPeersMakeWayForTheMeasuredRun() throws Exception {
    final StringWriter progress = new StringWriter();
    final WsRunResult run = WsLoadTest.run(config(0, 1, false, 1), new PrintWriter(progress, true));
    final LoadTestResult result = run.load();

    assertThat(progress.toString()).contains("warming up for 1 s").contains("measuring for 1 s");
    assertThat(run.connections().opened()).isEqualTo(64);
    // Same peer ids on new connections: none of the measured announces was ignored as a peer id
    // still held by a warm-up connection, or it would be lost.
    assertThat(result.lost()).isZero();
    assertThat(result.malformed()).isZero();
    assertThat(result.late()).isZero();
    assertThat(result.responses("announce"))
        .isPositive()
        .isLessThan(trackerCount("aquatic_responses", "announce"));
  }

  @Test
  void errorRepliesSettleTheirRequestsAndAreCountedByReason(@TempDir Path dir) throws Exception {
    tracker.close();
    final Path emptyAllowList = Files.writeString(dir.resolve("allow.txt"), "");
    startTracker(
        new AccessListConfig(AccessListMode.ALLOW, emptyAllowList.toString()), TlsConfig.DEFAULTS);
    final LoadTestResult result =
        WsLoadTest.run(config(0, 1), new PrintWriter(new StringWriter())).load();

    final long trackerErrors = trackerCount("aquatic_responses", "error");
    assertThat(result.errors()).isPositive().isEqualTo(trackerErrors);
    assertThat(result.errorMessages()).containsEntry("Info hash not allowed", trackerErrors);
    assertThat(result.responses("announce")).isZero();
    assertThat(result.responses("offer")).isZero();
    assertThat(result.lost()).isZero();
    assertThat(result.sent())
        .isEqualTo(result.responses("scrape") + result.errors() + result.malformed());
  }

  @Test
  void speaksWssToATlsTrackerWithAnyCertificate(@TempDir Path dir) throws Exception {
    tracker.close();
    final SelfSignedPem pem = SelfSignedPem.write(dir);
    startTracker(
        AccessListConfig.DEFAULTS,
        TlsConfig.pem(pem.chain().toString(), pem.key().toString(), 5_000, TlsConfig.TLS_1_3));
    final StringWriter progress = new StringWriter();
    final WsRunResult run = WsLoadTest.run(config(0, 1, true), new PrintWriter(progress, true));

    assertThat(progress.toString()).contains("target wss://127.0.0.1:");
    // TLS handshakes on a busy machine may still be running when the 1 s run ends.
    assertThat(run.connections().opened()).isPositive();
    assertThat(run.connections().failed()).isZero();
    assertThat(run.load().malformed()).isZero();
    assertThat(run.load().responses("announce"))
        .isPositive()
        .isEqualTo(trackerCount("aquatic_responses", "announce"));
  }

  @Test
  void refusedConnectionsAreCountedAndNothingIsSent() throws Exception {
    final WsLoadTestConfig base = config(0, 1);
    tracker.close();
    final WsRunResult run = WsLoadTest.run(base, new PrintWriter(new StringWriter()));
    assertThat(run.connections().opened()).isZero();
    // Every peer tries again, at connections_per_second (2000/s) at most.
    assertThat(run.connections().failed()).isGreaterThanOrEqualTo(64).isLessThanOrEqualTo(2 * 2000);
    assertThat(run.connections().firstFailure()).contains("Connection refused");
    assertThat(run.load().sent()).isZero();
    startTracker();
  }

  @Test
  void aLimitedSourceIsToldClosedAndReconnectsAtTheConnectionRate() throws Exception {
    restartLimited(new RateLimitConfig.Bucket(1, 20), RateLimitConfig.DEFAULTS.wsConnections());
    final StringWriter progress = new StringWriter();
    final WsRunResult run =
        WsLoadTest.run(
            config(0, 1, false, 0, new WsLoadTestConfig.Requests(0, 100, 0, 4), 0,
                new SourcesConfig("127.6.0.1", 1)),
            new PrintWriter(progress, true));
    final LoadTestResult result = run.load();
    assertThat(result.sent())
        .as("%s %s", ReportPrinter.summaryLine(result), run.connections())
        .isEqualTo(result.responses("scrape") + result.errors() + result.malformed() + result.lost());
    // The tracker's 2 socket workers keep a bucket and send a notice each.
    assertThat(result.responses("scrape")).isPositive().isLessThanOrEqualTo(2 * (20 + 2));
    assertThat(result.errorMessages())
        .containsOnlyKeys("Too many messages from your address, retry later");
    assertThat(result.errors()).isBetween(1L, 2L);
    assertThat(run.connections().closedByTracker()).isPositive();
    assertThat(run.connections().opened()).isGreaterThan(64).isLessThanOrEqualTo(64 + 2 * 2000);
    assertThat(progress.toString())
        .contains("sources: 1 address(es) from 127.6.0.1")
        .contains("CONNECTIONS protocol=ws opened=" + run.connections().opened() + " ");
  }

  @Test
  void oneRequestPerConnectionReconnectsFromTheNextAddress() throws Exception {
    // 3 connections per source at most: without the next address per connection, refusals.
    restartLimited(RateLimitConfig.DEFAULTS.wsMessages(), new RateLimitConfig.Bucket(1, 3));
    final WsRunResult run =
        WsLoadTest.run(
            config(0, 1, false, 0, new WsLoadTestConfig.Requests(0, 100, 0, 4), 1,
                new SourcesConfig("127.7.0.0/16", 0)),
            new PrintWriter(new StringWriter()));
    final LoadTestResult result = run.load();
    assertThat(run.connections().opened()).isGreaterThan(64);
    assertThat(run.connections().failed()).isZero();
    assertThat(run.connections().closedByTracker()).isZero();
    assertThat(result.lost()).isZero();
    assertThat(result.errors()).isZero();
    // One scrape per connection (the last connections may end with the run before theirs).
    assertThat(result.responses("scrape"))
        .isPositive()
        .isEqualTo(trackerCount("aquatic_responses", "scrape"))
        .isLessThanOrEqualTo(run.connections().opened());
  }

  /** Restarts the tracker with the default limits on, but these WebSocket buckets. */
  private void restartLimited(RateLimitConfig.Bucket messages, RateLimitConfig.Bucket connections)
      throws Exception {
    tracker.close();
    final RateLimitConfig d = RateLimitConfig.DEFAULTS;
    startTracker(
        AccessListConfig.DEFAULTS,
        TlsConfig.DEFAULTS,
        new RateLimitConfig(
            true, d.ipv4PrefixLength(), d.ipv6PrefixLength(), d.sourcesTracked(),
            d.noticeInterval(), d.udpConnect(), d.udpAnnounce(), d.udpScrape(), d.httpRequests(),
            messages, connections, d.bans(), d.scrapedTorrents()));
  }
}
