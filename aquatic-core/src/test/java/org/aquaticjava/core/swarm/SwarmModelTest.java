package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Drives a {@link SwarmStore} and a plain {@link HashMap} model with the same seeded random
 * operations and compares every result. Swarm sizes are skewed so that some swarms cross the
 * large-swarm threshold both ways many times.
 */
class SwarmModelTest {
  private static final SwarmSettings SETTINGS = new SwarmSettings(4, 60, 10);

  /** A torrent in one family. */
  private record SwarmKey(boolean ipv6, long torrent) {}

  /** A peer: its address (IPv4 or IPv6 high word) and port. */
  private record PeerKey(long ip, int port) {}

  private static final class Peer {
    boolean seeder;
    int lastAnnounce;
  }

  private static final class Torrent {
    final Map<PeerKey, Peer> peers = new HashMap<>();
    int completed;
  }

  private final Map<SwarmKey, Torrent> model = new HashMap<>();

  @Test
  void matchesAHashMapModelOverManyRandomOperations() {
    int largestSwarm = 0;
    for (long seed = 1; seed <= 3; seed++) {
      model.clear();
      largestSwarm = Math.max(largestSwarm, run(seed, 20_000));
    }
    assertThat(largestSwarm).as("the run exercises indexed swarms").isGreaterThan(3 * PeerArrays.LARGE_SWARM);
  }

  /** Returns the largest swarm seen at a cleaning. */
  private int run(long seed, int operations) {
    final SplittableRandom random = new SplittableRandom(seed);
    final SwarmStore store = new SwarmStore(SETTINGS, seed);
    final AnnounceSlot req = new AnnounceSlot(64);
    final ScrapeCounts counts = new ScrapeCounts();
    int now = 0;
    int lastCleaning = 0;
    int largestSwarm = 0;
    for (int op = 0; op < operations; op++) {
      now += random.nextInt(16) == 0 ? 1 : 0;
      if (now - lastCleaning >= SETTINGS.cleaningIntervalSeconds()) {
        final long excluded = random.nextInt(4) == 0 ? random.nextInt(40) : -1;
        final CleaningReport report = store.clean(now, (a, b, c) -> a != excluded);
        final long removedPeers = cleanModel(now, excluded);
        assertThat(report.peersRemoved()).isEqualTo(removedPeers);
        assertStatistics(report.ipv4(), false);
        assertStatistics(report.ipv6(), true);
        lastCleaning = now;
        largestSwarm = Math.max(largestSwarm, report.ipv4().peersPerTorrent().max());
      }
      final boolean ipv6 = random.nextInt(10) < 3;
      // Popularity is skewed, and the most popular torrent changes every 100 s so that large
      // swarms also shrink (by expiry and stops) and are demoted again.
      final long torrent = ((now / 100) + (long) (Math.pow(random.nextDouble(), 3) * 40)) % 40;
      final PeerKey key = new PeerKey(random.nextInt(150), 1 + random.nextInt(2));
      if (random.nextInt(10) == 0) {
        store.scrape(Announces.hash(torrent), ipv6, counts);
        assertScrape(counts, new SwarmKey(ipv6, torrent));
        continue;
      }
      fill(req, ipv6, torrent, key, random);
      store.announce(req, now);
      checkAnnounce(req, new SwarmKey(ipv6, torrent), key, now);
    }
    return largestSwarm;
  }

  private static void fill(
      AnnounceSlot req, boolean ipv6, long torrent, PeerKey key, SplittableRandom random) {
    if (ipv6) {
      Announces.v6(req, torrent, key.ip, key.ip * 31 + 7, key.port, random.nextInt(10) < 4);
    } else {
      Announces.v4(req, torrent, (int) key.ip, key.port, random.nextInt(10) < 4);
    }
    final int event = random.nextInt(20);
    req.stopped = event < 3;
    req.completed = event == 3;
    req.peersWanted = random.nextInt(65);
  }

  private void checkAnnounce(AnnounceSlot req, SwarmKey swarm, PeerKey key, int now) {
    Torrent torrent = model.get(swarm);
    if (torrent == null) {
      if (req.stopped) {
        assertThat(req.peerCount).isZero();
        assertThat(req.seeders + req.leechers + req.completedCount).isZero();
        return;
      }
      torrent = new Torrent();
      model.put(swarm, torrent);
    }
    if (req.stopped) {
      torrent.peers.remove(key);
    } else {
      final Peer peer = torrent.peers.computeIfAbsent(key, k -> new Peer());
      peer.seeder = req.seeder;
      peer.lastAnnounce = now;
      if (req.completed) {
        torrent.completed++;
      }
    }
    int seeders = 0;
    int leechers = 0;
    for (Map.Entry<PeerKey, Peer> e : torrent.peers.entrySet()) {
      if (!e.getKey().equals(key)) {
        if (e.getValue().seeder) {
          seeders++;
        } else {
          leechers++;
        }
      }
    }
    assertThat(req.seeders).isEqualTo(seeders);
    assertThat(req.leechers).isEqualTo(leechers);
    assertThat(req.completedCount).isEqualTo(torrent.completed);
    assertThat(req.peerCount)
        .isEqualTo(req.stopped ? 0 : Math.min(req.peersWanted, seeders + leechers));
    final Set<PeerKey> returned = new HashSet<>();
    for (int i = 0; i < req.peerCount; i++) {
      final PeerKey peerKey;
      final long last;
      if (swarm.ipv6) {
        peerKey = new PeerKey(req.peerWords[3 * i], PeerWords.port(req.peerWords[3 * i + 2]));
        assertThat(req.peerWords[3 * i + 1]).isEqualTo(peerKey.ip * 31 + 7);
        last = req.peerWords[3 * i + 2];
      } else {
        last = req.peerWords[i];
        peerKey = new PeerKey(PeerWords.ipv4(last), PeerWords.port(last));
      }
      assertThat(peerKey).isNotEqualTo(key);
      assertThat(returned.add(peerKey)).as("distinct").isTrue();
      final Peer peer = torrent.peers.get(peerKey);
      assertThat(peer).as("returned peer %s is in the swarm", peerKey).isNotNull();
      assertThat(PeerWords.seeder(last)).isEqualTo(peer.seeder);
    }
  }

  private long cleanModel(int now, long excluded) {
    long removedPeers = 0;
    final Iterator<Map.Entry<SwarmKey, Torrent>> torrents = model.entrySet().iterator();
    while (torrents.hasNext()) {
      final Map.Entry<SwarmKey, Torrent> entry = torrents.next();
      final Map<PeerKey, Peer> peers = entry.getValue().peers;
      if (entry.getKey().torrent == excluded) {
        removedPeers += peers.size();
        torrents.remove();
        continue;
      }
      final int before = peers.size();
      peers.values().removeIf(p -> now - p.lastAnnounce > SETTINGS.maxPeerAgeSeconds());
      removedPeers += before - peers.size();
      if (peers.isEmpty()) {
        torrents.remove();
      }
    }
    return removedPeers;
  }

  private void assertStatistics(SwarmStatistics statistics, boolean ipv6) {
    long torrents = 0;
    long peers = 0;
    int max = 0;
    for (Map.Entry<SwarmKey, Torrent> e : model.entrySet()) {
      if (e.getKey().ipv6 == ipv6) {
        torrents++;
        peers += e.getValue().peers.size();
        max = Math.max(max, e.getValue().peers.size());
      }
    }
    assertThat(statistics.torrents()).isEqualTo(torrents);
    assertThat(statistics.peers()).isEqualTo(peers);
    assertThat(statistics.peersPerTorrent().max()).isEqualTo(max);
  }

  private void assertScrape(ScrapeCounts counts, SwarmKey swarm) {
    final Torrent torrent = model.get(swarm);
    int seeders = 0;
    int leechers = 0;
    if (torrent != null) {
      for (Peer p : torrent.peers.values()) {
        if (p.seeder) {
          seeders++;
        } else {
          leechers++;
        }
      }
    }
    assertThat(counts.seeders).isEqualTo(seeders);
    assertThat(counts.leechers).isEqualTo(leechers);
    assertThat(counts.completed).isEqualTo(torrent == null ? 0 : torrent.completed);
  }
}
