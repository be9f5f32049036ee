package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several threads announce through one {@link SwarmStore}, to shared torrents and to torrents of
 * their own, while another thread cleans; with per-shard locks every count must come out exact.
 */
class SwarmStoreConcurrencyTest {
  private static final int THREADS = 4;
  private static final int SHARED_TORRENTS = 8;
  private static final int PEERS_PER_THREAD = 400;

  @Test
  void countsAreExactAfterConcurrentAnnouncesStopsAndCleanings() throws Exception {
    final SwarmStore store = new SwarmStore(new SwarmSettings(4, 1200, 120), 3);
    final CyclicBarrier start = new CyclicBarrier(THREADS + 1);
    final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      final List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final int thread = t;
        futures.add(pool.submit(() -> announceAll(store, thread, start)));
      }
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                  store.clean(10, InfoHashFilter.ALLOW_ALL); // nothing is old enough to expire
                }
                return null;
              }));
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    final ScrapeCounts counts = new ScrapeCounts();
    for (int torrent = 0; torrent < SHARED_TORRENTS; torrent++) {
      store.scrape(Announces.hash(torrent), false, counts);
      // Each thread leaves PEERS_PER_THREAD / 2 peers per shared torrent, a third of them seeders.
      assertThat(counts.seeders + counts.leechers).isEqualTo(THREADS * PEERS_PER_THREAD / 2);
      assertThat(counts.seeders).isEqualTo(THREADS * seedersLeft());
      assertThat(counts.completed).isEqualTo(THREADS * PEERS_PER_THREAD);
    }
    for (int thread = 0; thread < THREADS; thread++) {
      store.scrape(Announces.hash(1000 + thread), true, counts);
      assertThat(counts.seeders + counts.leechers).isEqualTo(PEERS_PER_THREAD / 2);
    }
    final CleaningReport report = store.clean(20, InfoHashFilter.ALLOW_ALL);
    assertThat(report.ipv4().peers()).isEqualTo((long) SHARED_TORRENTS * THREADS * PEERS_PER_THREAD / 2);
    assertThat(report.ipv6().peers()).isEqualTo((long) THREADS * PEERS_PER_THREAD / 2);
  }

  private static int seedersLeft() {
    int seeders = 0;
    for (int p = PEERS_PER_THREAD / 2; p < PEERS_PER_THREAD; p++) {
      seeders += p % 3 == 0 ? 1 : 0;
    }
    return seeders;
  }

  private static Void announceAll(SwarmStore store, int thread, CyclicBarrier start) throws Exception {
    final AnnounceSlot req = new AnnounceSlot(50);
    start.await();
    for (int p = 0; p < PEERS_PER_THREAD; p++) {
      for (int torrent = 0; torrent < SHARED_TORRENTS; torrent++) {
        Announces.completed(Announces.v4(req, torrent, thread << 16 | p, 6881, p % 3 == 0));
        store.announce(req, 1);
        assertThat(req.peerCount).isEqualTo(Math.min(req.peersWanted, req.seeders + req.leechers));
      }
      Announces.v6(req, 1000 + thread, thread, p, 6881, false);
      store.announce(req, 1);
    }
    for (int p = 0; p < PEERS_PER_THREAD / 2; p++) {
      for (int torrent = 0; torrent < SHARED_TORRENTS; torrent++) {
        store.announce(Announces.stopped(Announces.v4(req, torrent, thread << 16 | p, 6881, false)), 2);
      }
      store.announce(Announces.stopped(Announces.v6(req, 1000 + thread, thread, p, 6881, false)), 2);
    }
    return null;
  }
}
