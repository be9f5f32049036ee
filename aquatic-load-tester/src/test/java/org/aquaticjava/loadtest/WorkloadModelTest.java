package org.aquaticjava.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkloadModelTest {
  private static final WorkloadConfig SMALL = new WorkloadConfig(1234, 500, 1.0, 20_000, 0.75, 0.1);

  @Test
  void sameSeedGivesSameTorrentsAndPeers() {
    final TorrentPool a = TorrentPool.generate(SMALL);
    final TorrentPool b = TorrentPool.generate(SMALL);
    assertThat(a.infoHashBytes()).isEqualTo(b.infoHashBytes());
    final PeerPool peersA = PeerPool.generate(SMALL, a);
    final PeerPool peersB = PeerPool.generate(SMALL, b);
    for (int i = 0; i < SMALL.numberOfPeers(); i++) {
      assertThat(peersA.torrentOf(i)).isEqualTo(peersB.torrentOf(i));
      assertThat(peersA.portOf(i)).isEqualTo(peersB.portOf(i));
      assertThat(peersA.isSeeder(i)).isEqualTo(peersB.isSeeder(i));
    }
  }

  @Test
  void otherSeedGivesOtherTorrents() {
    final WorkloadConfig other = new WorkloadConfig(1235, 500, 1.0, 20_000, 0.75, 0.1);
    assertThat(TorrentPool.generate(other).infoHashBytes())
        .isNotEqualTo(TorrentPool.generate(SMALL).infoHashBytes());
  }

  @Test
  void infoHashesAreDistinctAndPrintableAsHex() {
    final TorrentPool torrents = TorrentPool.generate(SMALL);
    final Set<String> hex = new HashSet<>();
    for (int i = 0; i < torrents.size(); i++) {
      hex.add(torrents.infoHashHex(i));
    }
    assertThat(hex).hasSize(500).allMatch(h -> h.matches("[0-9a-f]{40}"));
  }

  @Test
  void peersFollowPopularityAndSeederProbability() {
    final PeerPool peers = PeerPool.generate(SMALL, TorrentPool.generate(SMALL));
    int onTop = 0;
    int seeders = 0;
    for (int i = 0; i < peers.size(); i++) {
      onTop += peers.torrentOf(i) == 0 ? 1 : 0;
      seeders += peers.isSeeder(i) ? 1 : 0;
      assertThat(peers.portOf(i)).isBetween(PeerPool.MIN_PORT, 65535);
    }
    // 1 / H_500 = 0.147 of the peers are in the most popular swarm.
    assertThat(onTop / (double) peers.size()).isCloseTo(0.147, within(0.01));
    assertThat(seeders / (double) peers.size()).isCloseTo(0.75, within(0.01));
  }

  @Test
  void peerIdsAreDistinctAndCarryTheIndex() {
    final byte[] id = new byte[PeerPool.PEER_ID_LENGTH];
    PeerPool.writePeerId(1_234_567, id, 0);
    assertThat(new String(id, StandardCharsets.US_ASCII)).isEqualTo("-AJ0100-000001234567");
  }

  @Test
  void peersStartOrCompleteFirstThenMayStopAndRejoin() {
    final PeerPool peers = PeerPool.generate(SMALL, TorrentPool.generate(SMALL));
    final PeerEvents events = new PeerEvents(peers, 0.5);
    final SplittableRandom random = new SplittableRandom(5);
    final int peer = 17;
    final PeerEvent join = peers.isSeeder(peer) ? PeerEvent.COMPLETED : PeerEvent.STARTED;
    assertThat(events.next(peer, random)).isEqualTo(join);
    int stopped = 0;
    PeerEvent previous = join;
    for (int i = 0; i < 1000; i++) {
      final PeerEvent event = events.next(peer, random);
      if (previous == PeerEvent.STOPPED) {
        assertThat(event).isEqualTo(join);
      } else {
        assertThat(event).isIn(PeerEvent.NONE, PeerEvent.STOPPED);
      }
      stopped += event == PeerEvent.STOPPED ? 1 : 0;
      previous = event;
    }
    assertThat(stopped).isBetween(250, 420);
  }

  @Test
  void weightedChoiceFollowsWeightsAndSkipsZero() {
    final WeightedChoice choice = new WeightedChoice(0, 80, 20);
    final SplittableRandom random = new SplittableRandom(11);
    final int[] counts = new int[3];
    for (int i = 0; i < 100_000; i++) {
      counts[choice.pick(random)]++;
    }
    assertThat(counts[0]).isZero();
    assertThat(counts[1] / 100_000.0).isCloseTo(0.8, within(0.01));
  }

  @Test
  void reportsOutOfRangeProbabilities() {
    assertThat(new WorkloadConfig(1, 10, -1, 10, 1.5, 2).problems()).hasSize(3);
    assertThat(WorkloadConfig.DEFAULTS.problems()).isEmpty();
  }
}
