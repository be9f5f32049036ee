package org.aquaticjava.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.UdpTestClient.ScrapeStats;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SwarmWorkerUdpTrackerTest {
  /** Records a worker death (reported on another thread) so that the test can fail on it. */
  private final List<String> deaths = new CopyOnWriteArrayList<>();

  private final FatalExit recordDeath = (worker, cause) -> deaths.add(worker + ": " + cause);

  @AfterEach
  void noWorkerDied() {
    assertThat(deaths).isEmpty();
  }

  /** An info hash whose first byte routes it to swarm worker 0 (low) or 1 (high) of two. */
  private static byte[] hash(int firstByte, int id) {
    final byte[] hash = new byte[20];
    hash[0] = (byte) firstByte;
    hash[19] = (byte) id;
    return hash;
  }

  private static byte[] peerId(int id) {
    final byte[] peerId = new byte[20];
    peerId[0] = (byte) id;
    return peerId;
  }

  @Test
  void announcesSeeEachOtherOverIpv4AndIpv6() throws Exception {
    try (UdpTracker tracker =
            SwarmWorkerUdpTracker.start(TestConfigs.loopback(IoTransportChoice.AUTO), 2, recordDeath);
        UdpTestClient v4a = UdpTestClient.open(tracker.localAddressIpv4().orElseThrow());
        UdpTestClient v4b = UdpTestClient.open(tracker.localAddressIpv4().orElseThrow());
        UdpTestClient v6a = UdpTestClient.open(tracker.localAddressIpv6().orElseThrow());
        UdpTestClient v6b = UdpTestClient.open(tracker.localAddressIpv6().orElseThrow())) {
      final byte[] hash = hash(0xC0, 1);
      assertThat(v4a.announce(hash, peerId(1), 6881, AnnounceEvent.STARTED, 0).peers()).isEmpty();
      final var v4 = v4b.announce(hash, peerId(2), 6882, AnnounceEvent.STARTED, 100);
      assertThat(v4.seeders()).isEqualTo(1);
      assertThat(v4.peers()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(6881));

      assertThat(v6a.announce(hash, peerId(3), 6883, AnnounceEvent.STARTED, 10).peers()).isEmpty();
      final var v6 = v6b.announce(hash, peerId(4), 6884, AnnounceEvent.STARTED, 0);
      assertThat(v6.leechers()).isEqualTo(1);
      assertThat(v6.peers()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(6883));

      v4a.announce(hash, peerId(1), 6881, AnnounceEvent.STOPPED, 0);
      assertThat(v4b.scrape(hash)).containsExactly(new ScrapeStats(0, 0, 1));
    }
  }

  @Test
  void scrapeSplitOverBothSwarmWorkersIsMergedInRequestOrder() throws Exception {
    try (UdpTracker tracker =
            SwarmWorkerUdpTracker.start(TestConfigs.loopback(IoTransportChoice.AUTO), 2, recordDeath);
        UdpTestClient client = UdpTestClient.open(tracker.localAddressIpv4().orElseThrow())) {
      final byte[] low = hash(0x10, 1);
      final byte[] high = hash(0xF0, 2);
      final byte[] lowToo = hash(0x20, 3);
      final byte[] unknown = hash(0xE0, 4);
      for (int peer = 0; peer < 3; peer++) {
        client.announce(high, peerId(peer), 7000 + peer, AnnounceEvent.STARTED, 0);
      }
      client.announce(low, peerId(9), 7100, AnnounceEvent.STARTED, 5);
      client.announce(lowToo, peerId(9), 7101, AnnounceEvent.COMPLETED, 0);

      final List<ScrapeStats> stats = client.scrape(high, low, unknown, lowToo, high);
      assertThat(stats)
          .containsExactly(
              new ScrapeStats(3, 0, 0),
              new ScrapeStats(0, 0, 1),
              new ScrapeStats(0, 0, 0),
              new ScrapeStats(1, 1, 0),
              new ScrapeStats(3, 0, 0));
    }
  }
}
