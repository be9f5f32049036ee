package org.aquaticjava.udp;

import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.testkit.Saturation;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.junit.jupiter.api.Test;

/**
 * Overload shedding on the real UDP tracker over loopback: with its socket workers' event loops
 * held up (a real lag, measured by the real probes), announces get the raised interval and
 * scrapes are dropped, each counted; once the loops are free again it returns to normal by itself.
 */
class OverloadIntegrationTest {
  private static final AnnounceRequest ANNOUNCE =
      AnnounceRequest.of(infoHash(1), peerId(1), 6881, AnnounceEvent.STARTED, 0);

  @Test
  void aSaturatedTrackerRaisesTheIntervalAndDropsScrapesThenRecovers() throws Exception {
    final UdpConfig loopback =
        TestConfigs.withFamilies(TestConfigs.loopback(IoTransportChoice.AUTO), true, false);
    final int interval = loopback.protocol().peerAnnounceInterval();
    try (UdpTracker tracker =
            TestTrackers.start(TestConfigs.withOverload(loopback, Saturation.QUICK));
        RawUdpSocket client = RawUdpSocket.open(tracker.localAddressIpv4().orElseThrow())) {
      final TrackerMetrics metrics = tracker.runtime().metrics();
      final long connectionId = client.connect();
      final byte[] scrape = RawUdpSocket.scrapeDatagram(connectionId, 9, List.of(infoHash(1)));
      client.exchange(RawUdpSocket.announceDatagram(connectionId, 6, ANNOUNCE)); // warms up
      // Start-up work on the loop (class loading, JIT) may have made late probes enough to shed:
      // wait for the calm that must follow.
      Saturation.awaitRecovery(metrics, "udp");
      assertThat(client.exchangeParsed(RawUdpSocket.announceDatagram(connectionId, 7, ANNOUNCE))
              .interval())
          .isEqualTo(interval);

      final double raised = Saturation.shed(metrics, "udp", "interval_raised");
      Saturation.saturate(tracker.socketWorkers(), metrics, "udp");
      assertThat(client.exchangeParsed(RawUdpSocket.announceDatagram(connectionId, 8, ANNOUNCE))
              .interval())
          .isEqualTo(Saturation.QUICK.raisedInterval(interval, loopback.cleaning().maxPeerAge()))
          .isGreaterThan(interval);
      client.send(scrape);
      assertThat(client.receive(Duration.ofMillis(300))).isEmpty();
      assertThat(Saturation.shed(metrics, "udp", "interval_raised")).isEqualTo(raised + 1);
      assertThat(Saturation.shed(metrics, "udp", "scrape_dropped")).isOne();

      Saturation.awaitRecovery(metrics, "udp");
      assertThat(client.exchangeParsed(RawUdpSocket.announceDatagram(connectionId, 10, ANNOUNCE))
              .interval())
          .isEqualTo(interval);
      assertThat(client.exchangeParsed(scrape).outcome()).isEqualTo(ResponseOutcome.SCRAPE);
    }
  }
}
