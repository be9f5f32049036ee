package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.peer;
import static org.aquaticjava.ws.Messages.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.Saturation;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;

/**
 * Overload shedding and bans on the real WebTorrent tracker over loopback. With its event loop held
 * up (a real lag, measured by the real probe), announces get the raised interval until it returns
 * to normal by itself. A source that keeps sending messages that are not WebTorrent JSON is
 * banned: its new connections and messages then get only a close, counted, while a neighbour is
 * served.
 */
class OverloadAndBansIntegrationTest {
  private static final InetAddress ABUSER = InetAddress.ofLiteral("127.0.0.2");
  private static final InetAddress NEIGHBOUR = InetAddress.ofLiteral("127.0.0.3");
  private static final String ANNOUNCE = announce(infoHash(1), peer(1), 0);

  private static InetSocketAddress v4(WsTracker tracker) {
    return LoopbackFamily.IPV4.of(tracker);
  }

  private static long announcedInterval(WsTracker tracker) throws Exception {
    try (WsTestClient client = WsTestClient.connectFrom(v4(tracker), NEIGHBOUR)) {
      client.send(ANNOUNCE);
      return client.next(TrackerMessageKind.ANNOUNCE_RESPONSE).interval();
    }
  }

  @Test
  void aSaturatedTrackerRaisesTheIntervalThenRecovers() throws Exception {
    final WsConfig config = TestTrackers.config("socket_workers = 1\n" + Saturation.QUICK_TOML);
    try (WsTracker tracker = TestTrackers.start(config)) {
      final TrackerMetrics metrics = tracker.runtime().metrics();
      final int interval = config.protocol().peerAnnounceInterval();
      announcedInterval(tracker); // warms the loop up
      // Start-up work on the loop (class loading, JIT) may have made late probes enough to shed:
      // wait for the calm that must follow.
      Saturation.awaitRecovery(metrics, "ws");
      assertThat(announcedInterval(tracker)).isEqualTo(interval);

      final double raised = Saturation.shed(metrics, "ws", "interval_raised");
      Saturation.saturate(tracker.socketWorkers(), metrics, "ws");
      assertThat(announcedInterval(tracker))
          .isEqualTo(Saturation.QUICK.raisedInterval(interval, config.cleaning().maxPeerAge()))
          .isGreaterThan(interval);
      assertThat(Saturation.shed(metrics, "ws", "interval_raised")).isEqualTo(raised + 1);

      Saturation.awaitRecovery(metrics, "ws");
      assertThat(announcedInterval(tracker)).isEqualTo(interval);
    }
  }

  @Test
  void aSourceThatKeepsSendingBrokenMessagesIsBannedAndCounted() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            socket_workers = 1
            [rate_limit.bans]
            threshold = 3
            window = 60
            duration = 600
            """);
    try (WsTracker tracker = TestTrackers.start(config)) {
      final TrackerMetrics metrics = tracker.runtime().metrics();
      try (WsTestClient abuser = WsTestClient.connectFrom(v4(tracker), ABUSER)) {
        // Three strikes use up the threshold; each is answered with an error message.
        for (int i = 0; i < 3; i++) {
          abuser.send("{\"action\": \"announce\", \"info_hash\": ");
          assertThat(abuser.next().kind()).isEqualTo(TrackerMessageKind.ERROR);
        }
        assertThat(MetricValues.sum(metrics, "aquatic_source_bans_total", "protocol", "ws"))
            .isZero();
        abuser.send("not json at all"); // the fourth starts the ban
        abuser.next(TrackerMessageKind.ERROR);
        assertThat(MetricValues.sum(metrics, "aquatic_source_bans_total", "protocol", "ws"))
            .isOne();
        abuser.send(scrape(infoHash(1))); // banned: closed unanswered
        assertThat(abuser.awaitCloseCode(WsTestClient.WAIT)).isPositive();
      }
      try (RawWsClient again = RawWsClient.connect(v4(tracker), ABUSER, 0)) {
        assertThat(again.handshake("/announce")).isEmpty(); // the upgrade gets only the close
      }
      assertThat(
              MetricValues.sum(
                  metrics, "aquatic_source_limits_hit_total", "protocol", "ws", "limit", "banned"))
          .isEqualTo(2);
      assertThat(announcedInterval(tracker)).isPositive(); // the neighbour is served
    }
  }
}
