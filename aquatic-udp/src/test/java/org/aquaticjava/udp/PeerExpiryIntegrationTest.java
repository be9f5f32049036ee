package org.aquaticjava.udp;

import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.UdpTestClient.ScrapeStats;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.junit.jupiter.api.Test;

/**
 * Peers that stop announcing disappear at the next cleaning, from scrapes and from the gauges.
 * Expiry is the cleaning worker's business, not the socket's, so one transport suffices.
 */
class PeerExpiryIntegrationTest {
  @Test
  void silentPeersExpireFromScrapeAndGauges() throws Exception {
    // Peers may not expire before they are due to announce again: shorten the interval too.
    final UdpConfig config =
        TestTrackers.config(
            IoTransportChoice.AUTO,
            """
            [protocol]
            peer_announce_interval = 1
            [cleaning]
            torrent_cleaning_interval = 1
            max_peer_age = 1
            """);
    try (UdpTracker tracker = TestTrackers.start(config);
        UdpTestClient v4 = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker));
        UdpTestClient v6 = UdpTestClient.open(LoopbackFamily.IPV6.of(tracker))) {
      v4.announce(infoHash(1), peerId(1), 6001, AnnounceEvent.STARTED, 0);
      v4.announce(infoHash(1), peerId(2), 6002, AnnounceEvent.STARTED, 9);
      v6.announce(infoHash(1), peerId(3), 6003, AnnounceEvent.STARTED, 9);
      assertThat(v4.scrape(infoHash(1))).containsExactly(new ScrapeStats(1, 0, 1));
      tracker.runtime().cleaning().cleanOnce(); // publish gauges while the peers are fresh
      assertThat(peers(tracker, "4")).isEqualTo(2);
      assertThat(peers(tracker, "6")).isEqualTo(1);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_torrents", "ip_version", "4")).isEqualTo(1);

      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                assertThat(v4.scrape(infoHash(1))).containsExactly(new ScrapeStats(0, 0, 0));
                assertThat(v6.scrape(infoHash(1))).containsExactly(new ScrapeStats(0, 0, 0));
                assertThat(peers(tracker, "4")).isZero();
                assertThat(peers(tracker, "6")).isZero();
                assertThat(MetricValues.sum(tracker.runtime().metrics(),
                        "aquatic_torrents")).isZero();
              });
    }
  }

  private static double peers(UdpTracker tracker, String ipVersion) {
    return MetricValues.sum(tracker.runtime().metrics(), "aquatic_peers", "ip_version", ipVersion);
  }
}
