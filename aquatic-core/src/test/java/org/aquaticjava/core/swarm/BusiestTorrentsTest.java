package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BusiestTorrentsTest {

  @Test
  void keepsTheTorrentsWithTheMostPeersMostFirst() {
    final BusiestTorrents busiest = new BusiestTorrents();
    final List<Integer> peerCounts =
        new java.util.ArrayList<>(IntStream.rangeClosed(1, 1000).boxed().toList());
    java.util.Collections.shuffle(peerCounts, new Random(7));
    for (int peers : peerCounts) {
      busiest.offer(peers, 0, 0, peers, peers / 2);
    }
    final List<BusyTorrent> sorted = busiest.sorted();
    assertThat(sorted).hasSize(BusiestTorrents.MAX);
    assertThat(sorted).extracting(BusyTorrent::peers)
        .containsExactlyElementsOf(IntStream.iterate(1000, p -> p - 1).limit(100).boxed().toList());
    assertThat(sorted.getFirst().seeders()).isEqualTo(500);
    assertThat(sorted.getFirst().leechers()).isEqualTo(500);
    assertThat(sorted.getFirst().infoHash())
        .isEqualTo(new InfoHash().set(1000, 0, 0).toString());
  }

  @Test
  void mergingKeepsTheBusiestOfBoth() {
    final BusiestTorrents first = new BusiestTorrents();
    final BusiestTorrents second = new BusiestTorrents();
    for (int i = 0; i < 150; i++) {
      first.offer(i, 1, 0, i, 0);
      second.offer(i, 2, 0, i + 100, 0);
    }
    first.addAll(second);
    assertThat(first.sorted()).extracting(BusyTorrent::peers)
        .containsExactlyElementsOf(IntStream.iterate(249, p -> p - 1).limit(100).boxed().toList());
  }

  @Test
  void aStoreCleaningReportsItsBusiestTorrentsPerFamily() {
    final SwarmStore store = new SwarmStore(new SwarmSettings(4, 1800, 120), 1);
    final InfoHash big = new InfoHash().set(1, 1, 1);
    final InfoHash small = new InfoHash().set(2, 2, 2);
    for (int port = 1; port <= 3; port++) {
      announce(store, big, false, port, port == 1);
    }
    announce(store, small, false, 1, false);
    announce(store, small, true, 1, true);

    final CleaningReport report = store.clean(0, InfoHashFilter.ALLOW_ALL);
    assertThat(report.ipv4().busiest())
        .containsExactly(
            new BusyTorrent(big.toString(), 3, 1), new BusyTorrent(small.toString(), 1, 0));
    assertThat(report.ipv6().busiest()).containsExactly(new BusyTorrent(small.toString(), 1, 1));
  }

  private static void announce(
      SwarmStore store, InfoHash hash, boolean ipv6, int port, boolean seeder) {
    final AnnounceSlot req = new AnnounceSlot(10);
    req.infoHash.set(hash.a, hash.b, hash.c);
    req.ipv6 = ipv6;
    req.ipv4 = 0x7f000001;
    req.ipv6High = 0;
    req.ipv6Low = 1;
    req.port = port;
    req.seeder = seeder;
    req.peersWanted = 10;
    store.announce(req, 0);
  }
}
