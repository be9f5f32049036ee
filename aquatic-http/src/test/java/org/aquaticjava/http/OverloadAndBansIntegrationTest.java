package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.Saturation;
import org.aquaticjava.testkit.http.HttpTrackerResponse;
import org.aquaticjava.testkit.http.RawHttpConnection;
import org.junit.jupiter.api.Test;

/**
 * Overload shedding and bans on the real HTTP tracker over loopback. With its event loop held up
 * (a real lag, measured by the real probe), announces get the raised interval and scrapes a
 * bencoded failure with BEP 31 {@code retry in}, until it returns to normal by itself. A source
 * that keeps sending malformed requests is banned: its connections are then closed unanswered,
 * counted, while a neighbour is served.
 */
class OverloadAndBansIntegrationTest {
  private static final String HASH = "%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A";
  private static final String ANNOUNCE =
      RawHttpConnection.get("/announce?info_hash=" + HASH + "&peer_id=-qB5010-abcdefghijkl&port=1");
  private static final String SCRAPE = RawHttpConnection.get("/scrape?info_hash=" + HASH);
  private static final InetAddress ABUSER = InetAddress.ofLiteral("127.0.0.2");
  private static final InetAddress NEIGHBOUR = InetAddress.ofLiteral("127.0.0.3");

  /** One socket worker: bans are per worker, and one loop to hold up. */
  private static HttpTracker start(String sections) throws Exception {
    return TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO, 1, "", sections));
  }

  private static String overload(OverloadConfig c) {
    return """
        [overload]
        probe_interval_ms = %d
        lag_threshold_ms = %d
        saturated_windows = %d
        calm_windows = %d
        announce_interval_factor = %d
        retry_in = %d
        """
        .formatted(
            c.probeIntervalMs(), c.lagThresholdMs(), c.saturatedWindows(), c.calmWindows(),
            c.announceIntervalFactor(), c.retryIn());
  }

  private static HttpTrackerResponse get(HttpTracker tracker, String request) throws IOException {
    try (RawHttpConnection c = RawHttpConnection.connect(LoopbackFamily.IPV4.of(tracker), NEIGHBOUR, 2_000)) {
      return c.send(request).readResponse().asTrackerResponse();
    }
  }

  @Test
  void aSaturatedTrackerRaisesTheIntervalAndAnswersScrapesWithRetryInThenRecovers()
      throws Exception {
    final OverloadConfig quick = Saturation.QUICK;
    try (HttpTracker tracker = start(overload(quick))) {
      final TrackerMetrics metrics = tracker.runtime().metrics();
      final HttpConfig defaults = HttpConfig.DEFAULTS;
      final int interval = defaults.protocol().peerAnnounceInterval();
      get(tracker, ANNOUNCE); // warms the loop up
      // Start-up work on the loop (class loading, JIT) may have made late probes enough to shed:
      // wait for the calm that must follow.
      Saturation.awaitRecovery(metrics, "http");
      assertThat(get(tracker, ANNOUNCE).dict().integer("interval")).isEqualTo(interval);

      final double raised = Saturation.shed(metrics, "http", "interval_raised");
      Saturation.saturate(tracker.socketWorkers(), metrics, "http");
      assertThat(get(tracker, ANNOUNCE).dict().integer("interval"))
          .isEqualTo(quick.raisedInterval(interval, defaults.cleaning().maxPeerAge()))
          .isGreaterThan(interval);
      final HttpTrackerResponse scrape = get(tracker, SCRAPE);
      assertThat(scrape.status()).isEqualTo(200);
      assertThat(scrape.failureReason()).isEqualTo("tracker is overloaded, retry later");
      assertThat(scrape.dict().integer("retry in")).isEqualTo(quick.retryInMinutes());
      assertThat(Saturation.shed(metrics, "http", "interval_raised")).isEqualTo(raised + 1);
      assertThat(Saturation.shed(metrics, "http", "retry_in")).isOne();

      Saturation.awaitRecovery(metrics, "http");
      assertThat(get(tracker, ANNOUNCE).dict().integer("interval")).isEqualTo(interval);
      assertThat(get(tracker, SCRAPE).failureReason()).isNull();
    }
  }

  @Test
  void aSourceThatKeepsSendingMalformedRequestsIsBannedAndCounted() throws Exception {
    try (HttpTracker tracker =
        start(
            """
            [rate_limit.bans]
            threshold = 3
            window = 60
            duration = 600
            """)) {
      final TrackerMetrics metrics = tracker.runtime().metrics();
      // Two requests the decoder refuses and two queries that do not parse: the fourth strike
      // finds the threshold of three used up.
      final String[] bad = {
        "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        "BREW /pot HTCPCP/1.0\r\n\r\n",
        RawHttpConnection.get("/announce?info_hash=abc"),
        RawHttpConnection.get("/scrape?info_hash=abc")
      };
      for (String request : bad) {
        try (RawHttpConnection c = RawHttpConnection.connect(LoopbackFamily.IPV4.of(tracker), ABUSER, 2_000)) {
          assertThat(c.send(request).readResponse().status()).isIn(200, 400);
        }
      }
      assertThat(MetricValues.sum(metrics, "aquatic_source_bans_total", "protocol", "http"))
          .isOne();
      for (int i = 0; i < 3; i++) {
        try (RawHttpConnection c = RawHttpConnection.connect(LoopbackFamily.IPV4.of(tracker), ABUSER, 2_000)) {
          c.send(ANNOUNCE);
          assertThat(c.closedWithoutAnswer()).isTrue();
        }
      }
      assertThat(
              MetricValues.sum(
                  metrics, "aquatic_source_limits_hit_total", "protocol", "http", "limit", "banned"))
          .isEqualTo(3);
      assertThat(get(tracker, ANNOUNCE).failureReason()).isNull();
    }
  }
}
