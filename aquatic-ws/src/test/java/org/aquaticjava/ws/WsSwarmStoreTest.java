package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.aquaticjava.ws.SwarmAnnounce.AnswerOutcome;
import org.aquaticjava.ws.SwarmAnnounce.Kind;
import org.aquaticjava.ws.SwarmAnnounce.Outcome;
import org.aquaticjava.core.swarm.IdWords;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.junit.jupiter.api.Test;

/** The swarm state without sockets: owners are plain objects, time is given. */
class WsSwarmStoreTest {
  private static final int MAX_OFFERS = 10;
  private static final int MAX_PEER_AGE = 180;
  private static final int MAX_OFFER_AGE = 120;

  private static final class Owner implements PeerOwner {
    final int n;

    Owner(int n) {
      this.n = n;
    }
  }

  private final WsSwarmStore store =
      new WsSwarmStore(new WsSwarmStore.Settings(4, MAX_PEER_AGE, MAX_OFFER_AGE, 4), 42);
  private final SwarmAnnounce a = new SwarmAnnounce(MAX_OFFERS);
  private final int[] counts = new int[3];

  private SwarmAnnounce announce(byte[] ih, int peer, PeerOwner owner, Kind kind, boolean seeder, int offers, int now) {
    a.ipv6 = false;
    a.infoHash(ih, 0);
    a.peerId(Messages.peer(peer), 0);
    a.owner = owner;
    a.kind = kind;
    a.seeder = seeder;
    a.answer = false;
    final byte[] offerIds = new byte[MAX_OFFERS * 20];
    for (int i = 0; i < offers; i++) {
      System.arraycopy(Messages.offerId(peer * 100 + i), 0, offerIds, i * 20, 20);
    }
    a.offerIds = offerIds;
    a.offerCount = offers;
    store.announce(a, now);
    return a;
  }

  private SwarmAnnounce answer(byte[] ih, int peer, PeerOwner owner, int toPeer, int offerNumber, int now) {
    a.ipv6 = false;
    a.infoHash(ih, 0);
    a.peerId(Messages.peer(peer), 0);
    a.owner = owner;
    a.kind = Kind.ANSWER_ONLY;
    a.offerCount = 0;
    a.answer(Messages.peer(toPeer), Messages.offerId(offerNumber));
    store.announce(a, now);
    return a;
  }

  /** Peer {@code peer} announces one offer, id {@code offerId(offerNumber)}. */
  private void offer(byte[] ih, int peer, PeerOwner owner, int offerNumber, int now) {
    offer(ih, peer, owner, offerNumber, now, false);
  }

  private void offer(byte[] ih, int peer, PeerOwner owner, int offerNumber, int now, boolean ipv6) {
    a.ipv6 = ipv6;
    a.infoHash(ih, 0);
    a.peerId(Messages.peer(peer), 0);
    a.owner = owner;
    a.kind = Kind.UPSERT;
    a.answer = false;
    a.offerIds = Messages.offerId(offerNumber);
    a.offerCount = 1;
    store.announce(a, now);
  }

  /** Seeders and leechers. */
  private int[] scrape(byte[] ih) {
    store.scrape(false, IdWords.a(ih, 0), IdWords.b(ih, 0), IdWords.c(ih, 0), counts);
    return java.util.Arrays.copyOf(counts, 2);
  }

  private int completed(byte[] ih) {
    store.scrape(false, IdWords.a(ih, 0), IdWords.b(ih, 0), IdWords.c(ih, 0), counts);
    return counts[2];
  }

  @Test
  void peersAreKeyedByPeerIdAndOwnedByTheirFirstConnection() {
    final byte[] ih = Messages.infoHash(1);
    final Owner first = new Owner(1);
    final Owner second = new Owner(2);
    assertThat(announce(ih, 1, first, Kind.UPSERT, false, 0, 0).outcome).isEqualTo(Outcome.ACCEPTED);
    assertThat(a.leechers).isEqualTo(1);
    assertThat(announce(ih, 1, second, Kind.UPSERT, true, 0, 0).outcome).isEqualTo(Outcome.PEER_ID_TAKEN);
    assertThat(announce(ih, 1, second, Kind.STOPPED, true, 0, 0).outcome).isEqualTo(Outcome.PEER_ID_TAKEN);
    assertThat(scrape(ih)).containsExactly(0, 1);
    store.remove(false, IdWords.a(ih, 0), IdWords.b(ih, 0), IdWords.c(ih, 0),
        IdWords.a(Messages.peer(1), 0), IdWords.b(Messages.peer(1), 0), IdWords.c(Messages.peer(1), 0), second);
    assertThat(scrape(ih)).containsExactly(0, 1); // only the owner removes it
    announce(ih, 1, first, Kind.UPSERT, true, 0, 0);
    assertThat(scrape(ih)).containsExactly(1, 0); // became a seeder
    announce(ih, 1, first, Kind.STOPPED, true, 0, 0);
    assertThat(scrape(ih)).containsExactly(0, 0);
    assertThat(store.totals().torrents(false).sum()).isZero();
  }

  @Test
  void matchesTheModelUnderRandomOperationsAcrossTheIndexThreshold() {
    final SplittableRandom random = new SplittableRandom(7);
    final Owner[] owners = new Owner[40];
    for (int i = 0; i < owners.length; i++) {
      owners[i] = new Owner(i);
    }
    // model: torrent -> peer -> seeder; peer p is always owned by owners[p]
    final Map<Integer, Map<Integer, Boolean>> model = new HashMap<>();
    for (int step = 0; step < 20_000; step++) {
      final int torrent = random.nextInt(3);
      final int peer = random.nextInt(40); // up to 40 peers per torrent: indexed above 8
      final byte[] ih = Messages.infoHash(torrent);
      final Map<Integer, Boolean> peers = model.computeIfAbsent(torrent, t -> new HashMap<>());
      switch (random.nextInt(4)) {
        case 0 -> {
          announce(ih, peer, owners[peer], Kind.STOPPED, false, 0, step / 100);
          peers.remove(peer);
        }
        case 1 -> {
          store.remove(false, IdWords.a(ih, 0), IdWords.b(ih, 0), IdWords.c(ih, 0),
              IdWords.a(Messages.peer(peer), 0), IdWords.b(Messages.peer(peer), 0), IdWords.c(Messages.peer(peer), 0),
              owners[peer]);
          peers.remove(peer);
        }
        default -> {
          final boolean seeder = random.nextBoolean();
          announce(ih, peer, owners[peer], Kind.UPSERT, seeder, 0, step / 100);
          peers.put(peer, seeder);
          assertThat(a.seeders + a.leechers).isEqualTo(peers.size());
        }
      }
      final long seeders = peers.values().stream().filter(s -> s).count();
      assertThat(scrape(ih)).containsExactly((int) seeders, (int) (peers.size() - seeders));
    }
    final long total = model.values().stream().mapToInt(Map::size).sum();
    assertThat(store.totals().peers(false).sum()).isEqualTo(total);
    assertThat(store.totals().torrents(false).sum()).isEqualTo(model.values().stream().filter(m -> !m.isEmpty()).count());
    assertThat(store.totals().seeders(false).sum())
        .isEqualTo(model.values().stream().flatMap(m -> m.values().stream()).filter(x -> x).count());
  }

  @Test
  void offersGoToDistinctRandomOtherPeersAndEveryPeerGetsChosenSometimes() {
    final byte[] ih = Messages.infoHash(1);
    final Owner[] owners = new Owner[30];
    for (int i = 0; i < owners.length; i++) {
      owners[i] = new Owner(i);
      announce(ih, i, owners[i], Kind.UPSERT, false, 0, 0);
    }
    final Set<PeerOwner> everChosen = new HashSet<>();
    for (int round = 0; round < 200; round++) {
      announce(ih, 0, owners[0], Kind.UPSERT, false, 5, 0);
      assertThat(a.targetCount).isEqualTo(5);
      final Set<PeerOwner> chosen = new HashSet<>();
      for (int i = 0; i < a.targetCount; i++) {
        chosen.add(a.targets[i]);
      }
      assertThat(chosen).hasSize(5).doesNotContain(owners[0]);
      everChosen.addAll(chosen);
    }
    assertThat(everChosen).hasSize(29);
    // With fewer others than offers, every other peer gets one.
    final byte[] small = Messages.infoHash(2);
    announce(small, 1, owners[1], Kind.UPSERT, false, 0, 0);
    announce(small, 2, owners[2], Kind.UPSERT, false, 0, 0);
    announce(small, 3, owners[3], Kind.UPSERT, false, 10, 0);
    assertThat(a.targetCount).isEqualTo(2);
    assertThat(Set.of(a.targets[0], a.targets[1])).containsExactlyInAnyOrder(owners[1], owners[2]);
  }

  @Test
  void anAnswerIsRelayedOnceOnlyFromTheReceiverAndOnlyBeforeTheOfferExpires() {
    final byte[] ih = Messages.infoHash(1);
    final Owner offerer = new Owner(1);
    final Owner receiver = new Owner(2);
    announce(ih, 2, receiver, Kind.UPSERT, false, 0, 0);
    announce(ih, 1, offerer, Kind.UPSERT, false, 2, 10); // offers 100, 101; only one other peer
    assertThat(a.targetCount).isEqualTo(1);

    assertThat(answer(ih, 3, new Owner(3), 1, 100, 10).answerOutcome).isEqualTo(AnswerOutcome.NO_MATCHING_OFFER);
    assertThat(answer(ih, 2, receiver, 1, 101, 10).answerOutcome).isEqualTo(AnswerOutcome.NO_MATCHING_OFFER);
    assertThat(answer(ih, 2, receiver, 9, 100, 10).answerOutcome).isEqualTo(AnswerOutcome.UNKNOWN_OFFERER);
    assertThat(answer(ih, 2, receiver, 1, 100, 10 + MAX_OFFER_AGE).answerOutcome).isEqualTo(AnswerOutcome.RELAY);
    assertThat(a.answerTarget).isSameAs(offerer);
    assertThat(answer(ih, 2, receiver, 1, 100, 11).answerOutcome).isEqualTo(AnswerOutcome.NO_MATCHING_OFFER);

    announce(ih, 1, offerer, Kind.UPSERT, false, 1, 20); // offer 100 again, expires at 140
    assertThat(answer(ih, 2, receiver, 1, 100, 141).answerOutcome).isEqualTo(AnswerOutcome.NO_MATCHING_OFFER);
    // An answer-only message never inserts its sender.
    assertThat(answer(ih, 5, new Owner(5), 1, 100, 20).peerPresent).isFalse();
    assertThat(scrape(ih)).containsExactly(0, 2);
  }

  @Test
  void pendingOffersPerPeerAreBoundedOldestForgottenFirst() {
    final byte[] ih = Messages.infoHash(1);
    final Owner offerer = new Owner(1);
    final Owner receiver = new Owner(2);
    announce(ih, 2, receiver, Kind.UPSERT, false, 0, 0);
    for (int n = 0; n < 6; n++) {
      offer(ih, 1, offerer, n, 0);
      assertThat(a.targets[0]).isSameAs(receiver);
    }
    // Capacity 4: offers 0 and 1 were forgotten, 2..5 still await answers.
    assertThat(answer(ih, 2, receiver, 1, 0, 0).answerOutcome).isEqualTo(AnswerOutcome.NO_MATCHING_OFFER);
    assertThat(answer(ih, 2, receiver, 1, 1, 0).answerOutcome).isEqualTo(AnswerOutcome.NO_MATCHING_OFFER);
    for (int n = 2; n < 6; n++) {
      assertThat(answer(ih, 2, receiver, 1, n, 0).answerOutcome).isEqualTo(AnswerOutcome.RELAY);
    }
  }

  @Test
  void cleaningRemovesExpiredPeersAndDisallowedTorrents() {
    final byte[] keep = Messages.infoHash(1);
    final byte[] deny = Messages.infoHash(2);
    announce(keep, 1, new Owner(1), Kind.UPSERT, false, 0, 0);
    announce(keep, 2, new Owner(2), Kind.UPSERT, true, 0, 100);
    announce(deny, 3, new Owner(3), Kind.UPSERT, true, 0, 100);
    store.clean(MAX_PEER_AGE + 1, (x, y, z) -> !(x == IdWords.a(deny, 0) && y == IdWords.b(deny, 0) && z == IdWords.c(deny, 0)));
    assertThat(scrape(keep)).containsExactly(1, 0);
    assertThat(scrape(deny)).containsExactly(0, 0);
    assertThat(store.totals().peers(false).sum()).isEqualTo(1);
    assertThat(store.totals().torrents(false).sum()).isEqualTo(1);
    assertThat(store.totals().seeders(false).sum()).isEqualTo(1);
    assertThat(store.totals().busiest(false))
        .containsExactly(
            new org.aquaticjava.core.swarm.BusyTorrent(
                java.util.HexFormat.of().formatHex(keep), 1, 1));
  }

  @Test
  void ipv4AndIpv6AreSeparateSwarms() {
    final byte[] ih = Messages.infoHash(1);
    announce(ih, 1, new Owner(1), Kind.UPSERT, false, 0, 0);
    offer(ih, 2, new Owner(2), 1, 0, true);
    assertThat(a.targetCount).isZero(); // the IPv4 peer is not in the IPv6 swarm
    assertThat(a.leechers).isEqualTo(1);
    assertThat(store.totals().peers(true).sum()).isEqualTo(1);
    assertThat(store.totals().peers(false).sum()).isEqualTo(1);
  }

  @Test
  void completedCountsOutliveTheLastPeerUntilCleaningAndRestoredOnesUntilTheirKeepTime() {
    final byte[] counted = Messages.infoHash(1);
    final byte[] plain = Messages.infoHash(2);
    final Owner owner = new Owner(1);
    a.completed = true;
    announce(counted, 1, owner, Kind.UPSERT, true, 0, 0);
    a.completed = false;
    announce(plain, 1, owner, Kind.UPSERT, true, 0, 0);
    assertThat(completed(counted)).isEqualTo(1);
    store.remove(false, IdWords.a(counted, 0), IdWords.b(counted, 0), IdWords.c(counted, 0),
        IdWords.a(Messages.peer(1), 0), IdWords.b(Messages.peer(1), 0), IdWords.c(Messages.peer(1), 0), owner);
    store.remove(false, IdWords.a(plain, 0), IdWords.b(plain, 0), IdWords.c(plain, 0),
        IdWords.a(Messages.peer(1), 0), IdWords.b(Messages.peer(1), 0), IdWords.c(Messages.peer(1), 0), owner);
    assertThat(completed(counted)).isEqualTo(1); // kept, empty, until cleaning
    assertThat(store.totals().torrents(false).sum()).isEqualTo(1); // the plain one went at once
    store.clean(1, InfoHashFilter.ALLOW_ALL);
    assertThat(completed(counted)).isZero();

    assertThat(store.restoreCompleted(false, IdWords.a(counted, 0), IdWords.b(counted, 0), IdWords.c(counted, 0), 5, 100))
        .isTrue();
    store.clean(99, InfoHashFilter.ALLOW_ALL);
    assertThat(completed(counted)).isEqualTo(5);
    store.clean(100, InfoHashFilter.ALLOW_ALL);
    assertThat(completed(counted)).isZero();
  }
}
