package org.aquaticjava.core.swarm;

import static org.aquaticjava.core.swarm.Announces.completed;
import static org.aquaticjava.core.swarm.Announces.hash;
import static org.aquaticjava.core.swarm.Announces.stopped;
import static org.aquaticjava.core.swarm.Announces.v4;
import static org.aquaticjava.core.swarm.Announces.v6;
import static org.aquaticjava.core.swarm.Announces.wanting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SwarmShardTest {
  private static final SwarmSettings SETTINGS = new SwarmSettings(1, 1200, 120);
  private static final long T = 7;

  private final SwarmShard shard = new SwarmShard(SETTINGS, 42, 0);
  private final AnnounceSlot req = new AnnounceSlot(Announces.MAX_PEERS);
  private final ScrapeCounts counts = new ScrapeCounts();

  @Test
  void keepsCountsAcrossAddUpdateSeederSwitchAndStop() {
    shard.announce(v4(req, T, 1, 1000, false), 0);
    assertThat(req.seeders).isZero();
    assertThat(req.leechers).isZero();
    assertScrape(T, false, 0, 1);

    shard.announce(v4(req, T, 2, 1000, true), 1);
    assertThat(req.leechers).isEqualTo(1);
    assertThat(req.seeders).isZero();
    assertScrape(T, false, 1, 1);

    shard.announce(v4(req, T, 1, 1000, false), 2); // same peer again: no change
    assertScrape(T, false, 1, 1);
    shard.announce(v4(req, T, 1, 1000, true), 3); // leecher becomes seeder
    assertThat(req.seeders).isEqualTo(1);
    assertThat(req.leechers).isZero();
    assertScrape(T, false, 2, 0);
    shard.announce(v4(req, T, 2, 1000, false), 4); // seeder back to leecher
    assertScrape(T, false, 1, 1);

    shard.announce(v4(req, T, 1, 1001, false), 5); // same IP, other port: another peer
    assertScrape(T, false, 1, 2);

    shard.announce(stopped(v4(req, T, 1, 1000, true)), 6);
    assertThat(req.seeders).isZero();
    assertThat(req.leechers).isEqualTo(2);
    assertScrape(T, false, 0, 2);
    shard.announce(stopped(v4(req, T, 1, 1000, true)), 7); // unknown peer stopping: no change
    assertScrape(T, false, 0, 2);
  }

  @Test
  void stoppedAnnounceDoesNotCreateATorrent() {
    shard.announce(stopped(v4(req, T, 1, 1000, false)), 0);
    assertThat(shard.torrentCount()).isZero();
    assertThat(req.peerCount).isZero();
  }

  @Test
  void keepsIpv4AndIpv6SwarmsApart() {
    shard.announce(v4(req, T, 1, 1000, true), 0);
    shard.announce(v6(req, T, 5, 6, 1000, false), 0);
    assertThat(req.seeders).isZero();
    assertThat(req.leechers).isZero();
    assertThat(req.peerCount).isZero();
    shard.announce(v6(req, T, 5, 7, 1000, false), 0);
    assertThat(req.peerCount).isEqualTo(1);
    assertThat(req.peerWords[0]).isEqualTo(5);
    assertThat(req.peerWords[1]).isEqualTo(6);
    assertThat(PeerWords.port(req.peerWords[2])).isEqualTo(1000);
    assertScrape(T, false, 1, 0);
    assertScrape(T, true, 0, 2);
  }

  @Test
  void returnsPeersInWireLayout() {
    shard.announce(v4(req, T, 0xC0A80001, 6881, true), 0);
    shard.announce(v4(req, T, 0x0A000002, 51413, false), 0);
    assertThat(req.peerCount).isEqualTo(1);
    assertThat(PeerWords.ipv4(req.peerWords[0])).isEqualTo(0xC0A80001);
    assertThat(PeerWords.port(req.peerWords[0])).isEqualTo(6881);
    assertThat(PeerWords.seeder(req.peerWords[0])).isTrue();
  }

  @Test
  void selectsExactlyMinOfWantedAndOthersWithoutTheRequester() {
    for (int n = 1; n <= 80; n++) {
      final SwarmShard fresh = new SwarmShard(SETTINGS, n, 0);
      for (int p = 0; p < n; p++) {
        fresh.announce(v4(req, T, p, 1, false), 0);
      }
      for (int wanted : new int[] {0, 1, 2, 3, 7, 30, 31, 79, 80, 200}) {
        for (int requester = 0; requester < n; requester += Math.max(1, n / 5)) {
          fresh.announce(wanting(v4(req, T, requester, 1, false), wanted), 1);
          assertThat(req.peerCount).isEqualTo(Math.min(wanted, n - 1));
          final Set<Long> seen = new HashSet<>();
          for (int i = 0; i < req.peerCount; i++) {
            assertThat(PeerWords.ipv4(req.peerWords[i])).isNotEqualTo(requester).isBetween(0, n - 1);
            assertThat(seen.add(req.peerWords[i] >>> 16)).isTrue();
          }
        }
        // A newcomer is not in the swarm yet: it may get everyone.
        fresh.announce(wanting(v4(req, T, 10_000, 1, false), wanted), 1);
        assertThat(req.peerCount).isEqualTo(Math.min(wanted, n));
        fresh.announce(wanting(stopped(v4(req, T, 10_000, 1, false)), wanted), 1);
        assertThat(req.peerCount).as("a peer leaving gets no peers").isZero();
        assertThat(req.leechers).isEqualTo(n);
      }
    }
  }

  @Test
  void selectsEveryPeerOfALargeSwarmAboutEquallyOften() {
    final int n = 1000;
    final int wanted = 30;
    final int rounds = 20_000;
    for (int p = 0; p < n; p++) {
      shard.announce(v4(req, T, p, 1, false), 0);
    }
    final int[] picks = new int[n];
    for (int round = 0; round < rounds; round++) {
      final int requester = round % n;
      shard.announce(wanting(v4(req, T, requester, 1, false), wanted), 1);
      for (int i = 0; i < req.peerCount; i++) {
        picks[PeerWords.ipv4(req.peerWords[i])]++;
      }
    }
    // Expected picks per peer: rounds * wanted / (n - 1) ~ 600, standard deviation about 24.
    final double expected = (double) rounds * wanted / (n - 1);
    for (int p = 0; p < n; p++) {
      assertThat((double) picks[p]).as("peer %d", p).isBetween(expected * 0.75, expected * 1.25);
    }
  }

  @Test
  void promotesAndDemotesAroundTheLargeSwarmThresholdWithDataIntact() {
    final int large = PeerArrays.LARGE_SWARM;
    final int small = PeerArrays.SMALL_SWARM;
    for (int p = 0; p < 3 * large; p++) {
      shard.announce(peer(p), 0);
      assertThat(req.seeders + req.leechers).isEqualTo(p);
    }
    assertPeersPresent(0, 3 * large, 0);
    // Stops shrink the indexed swarm by swap-remove; the index must follow every move.
    for (int p = 0; p < 3 * large - small; p++) {
      shard.announce(stopped(peer(p)), 0);
    }
    assertPeersPresent(3 * large - small, 3 * large, 0);
    shard.clean(0, InfoHashFilter.ALLOW_ALL, new CleaningAccumulator()); // demotes to a linear scan
    assertPeersPresent(3 * large - small, 3 * large, 0);
    for (int p = 0; p < 2 * large; p++) { // promotes again
      shard.announce(peer(p), 1000);
    }
    assertPeersPresent(0, 2 * large, 1000);
    assertPeersPresent(3 * large - small, 3 * large, 0);
    // Expiry compacts the array; the rebuilt index must match the new positions.
    shard.clean(1300, InfoHashFilter.ALLOW_ALL, new CleaningAccumulator());
    assertPeersPresent(0, 2 * large, 1300);
    assertScrape(T, true, countSeeders(0, 2 * large), 2 * large - countSeeders(0, 2 * large));
  }

  @Test
  void countsCompletedEvents() {
    shard.announce(completed(v4(req, T, 1, 1, true)), 0);
    assertThat(req.completedCount).isEqualTo(1);
    shard.announce(completed(v4(req, T, 2, 1, true)), 0);
    shard.announce(v4(req, T, 3, 1, false), 0);
    assertThat(req.completedCount).isEqualTo(2);
    shard.scrape(hash(T), false, counts);
    assertThat(counts.completed).isEqualTo(2);
    shard.scrape(hash(T), true, counts);
    assertThat(counts.completed).isZero();
  }

  @Test
  void cleaningRemovesExpiredPeersEmptyTorrentsAndDisallowedTorrents() {
    shard.announce(v4(req, 1, 1, 1, false), 0);
    shard.announce(v4(req, 1, 2, 1, true), 100);
    shard.announce(v4(req, 2, 1, 1, false), 0);
    shard.announce(v6(req, 3, 1, 1, 1, false), 1000);
    shard.announce(v4(req, 4, 1, 1, false), 1000);
    shard.announce(stopped(v4(req, 4, 1, 1, false)), 1000);

    final CleaningAccumulator stats = new CleaningAccumulator();
    shard.clean(1250, (a, b, c) -> a != 3, stats);

    assertScrape(1, false, 1, 0);
    assertScrape(2, false, 0, 0);
    assertScrape(3, true, 0, 0);
    assertThat(shard.torrentCount()).isEqualTo(1);
    final CleaningReport report = stats.report();
    assertThat(report.peersRemoved()).isEqualTo(3);
    assertThat(report.torrentsRemoved()).isEqualTo(3);
    assertThat(report.ipv4().torrents()).isEqualTo(1);
    assertThat(report.ipv4().peers()).isEqualTo(1);
    assertThat(report.ipv4().seeders()).isEqualTo(1);
    assertThat(report.ipv6().torrents()).isZero();
  }

  @Test
  void expiresPeersCorrectlyAcrossManyTickWraparounds() {
    final SwarmSettings settings = new SwarmSettings(1, 300, 60);
    final SwarmShard s = new SwarmShard(settings, 1, 0);
    final int end = 5 * PeerWords.TICK_MODULUS * settings.tickSeconds();
    int lastOneShot = -1;
    for (int now = 0; now <= end; now += settings.cleaningIntervalSeconds()) {
      s.announce(v4(req, T, 1, 1, true), now); // announces every cleaning: never expires
      if (now % 1020 == 0) {
        s.announce(v4(req, T, 2, 1, false), now); // announces rarely
        lastOneShot = now;
      }
      s.clean(now, InfoHashFilter.ALLOW_ALL, new CleaningAccumulator());
      s.scrape(hash(T), false, counts);
      assertThat(counts.seeders).as("at %d", now).isEqualTo(1);
      final boolean oneShotAlive = now - lastOneShot <= settings.maxPeerAgeSeconds();
      assertThat(counts.leechers).as("at %d", now).isEqualTo(oneShotAlive ? 1 : 0);
    }
  }

  @Test
  void scrapeOfUnknownTorrentIsZero() {
    counts.seeders = 5;
    counts.leechers = 5;
    counts.completed = 5;
    shard.scrape(hash(99), false, counts);
    assertThat(counts.seeders).isZero();
    assertThat(counts.leechers).isZero();
    assertThat(counts.completed).isZero();
  }

  private AnnounceSlot peer(int p) {
    return v6(req, T, 0x2001_0db8_0000_0000L + p, ~p, 2000 + p, p % 3 == 0);
  }

  private static int countSeeders(int from, int to) {
    int seeders = 0;
    for (int p = from; p < to; p++) {
      seeders += p % 3 == 0 ? 1 : 0;
    }
    return seeders;
  }

  /**
   * Every peer in [from, to) is in the IPv6 swarm of T with its seeder status: re-announcing it
   * with the same status changes no count, and the counts exclude exactly that peer.
   */
  private void assertPeersPresent(int from, int to, int now) {
    shard.scrape(hash(T), true, counts);
    final int seeders = counts.seeders;
    final int leechers = counts.leechers;
    for (int p = from; p < to; p++) {
      shard.announce(wanting(peer(p), 0), now);
      final boolean seeder = p % 3 == 0;
      assertThat(req.seeders).as("peer %d", p).isEqualTo(seeders - (seeder ? 1 : 0));
      assertThat(req.leechers).as("peer %d", p).isEqualTo(leechers - (seeder ? 0 : 1));
    }
  }

  private void assertScrape(long torrent, boolean ipv6, int seeders, int leechers) {
    shard.scrape(hash(torrent), ipv6, counts);
    assertThat(counts.seeders).as("seeders").isEqualTo(seeders);
    assertThat(counts.leechers).as("leechers").isEqualTo(leechers);
  }
}
