package org.aquaticjava.ws;

import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import org.aquaticjava.core.swarm.BusiestTorrents;
import org.aquaticjava.core.swarm.IdWords;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.aquaticjava.ws.SwarmAnnounce.AnswerOutcome;
import org.aquaticjava.ws.SwarmAnnounce.Kind;
import org.aquaticjava.ws.SwarmAnnounce.Outcome;

/**
 * One shard of the WebTorrent swarm state: the IPv4 and IPv6 torrents whose info hash maps to it
 * (separate swarms per family, like aquatic: offers never cross families), keyed by the seeded
 * 64-bit hash of the info hash and checked against the full hash.
 *
 * <p><b>Single-threaded:</b> {@link WsSwarmStore} guards each shard with its own lock.
 */
final class WsSwarmShard {
  private final Long2ObjectOpenHashMap<WsTorrent> ipv4 = new Long2ObjectOpenHashMap<>();
  private final Long2ObjectOpenHashMap<WsTorrent> ipv6 = new Long2ObjectOpenHashMap<>();
  private final WsSwarmStore.Settings settings;
  private final SwarmTotals totals;
  private long randomState;

  WsSwarmShard(WsSwarmStore.Settings settings, SwarmTotals totals, long randomSeed) {
    this.settings = settings;
    this.totals = totals;
    this.randomState = randomSeed;
  }

  private Long2ObjectOpenHashMap<WsTorrent> table(boolean v6) {
    return v6 ? ipv6 : ipv4;
  }

  /** See {@link WsSwarmStore#announce}; {@code torrentHash} and the peer hashes are precomputed. */
  void announce(SwarmAnnounce a, long torrentHash, long peerHash, long toPeerHash, int now) {
    a.resetResults();
    final Long2ObjectOpenHashMap<WsTorrent> table = table(a.ipv6);
    WsTorrent torrent = table.get(torrentHash);
    if (torrent != null && !torrent.hasInfoHash(a.infoHashA, a.infoHashB, a.infoHashC)) {
      a.outcome = Outcome.HASH_COLLISION;
      return;
    }
    if (torrent == null) {
      if (a.kind != Kind.UPSERT) {
        // Nothing to stop, nobody to answer: do not create a torrent for it.
        a.answerOutcome = a.answer ? AnswerOutcome.UNKNOWN_OFFERER : AnswerOutcome.NONE;
        return;
      }
      torrent = new WsTorrent(a.infoHashA, a.infoHashB, a.infoHashC);
      table.put(torrentHash, torrent);
      totals.torrents(a.ipv6).increment();
    }
    final int seedersBefore = torrent.seeders();
    int slot = torrent.find(a.peerA, a.peerB, a.peerC, peerHash);
    WsPeer peer = slot >= 0 ? torrent.peerAt(slot) : null;
    if (peer != null && peer.owner != a.owner) {
      a.outcome = Outcome.PEER_ID_TAKEN; // a connection cannot act for another one's peer id
      return;
    }
    switch (a.kind) {
      case STOPPED -> {
        if (peer != null) {
          torrent.removeAt(slot);
          totals.peers(a.ipv6).decrement();
          peer = null;
        }
      }
      case ANSWER_ONLY -> {
        if (peer != null) {
          peer.validUntil = now + settings.maxPeerAge();
        }
      }
      case UPSERT -> {
        if (peer == null) {
          if (!torrent.hashIsFree(peerHash)) {
            a.outcome = Outcome.HASH_COLLISION;
            removeIfEmpty(table, torrentHash, torrent, a.ipv6);
            return;
          }
          peer = new WsPeer(a.peerA, a.peerB, a.peerC, peerHash, a.owner);
          peer.seeder = a.seeder;
          torrent.add(peer);
          totals.peers(a.ipv6).increment();
          slot = torrent.size() - 1;
        } else {
          torrent.setSeeder(peer, a.seeder);
        }
        peer.validUntil = now + settings.maxPeerAge();
        if (a.completed) {
          torrent.complete();
        }
      }
    }
    a.peerPresent = peer != null;
    if (a.answer && a.kind != Kind.STOPPED) {
      matchAnswer(torrent, a, toPeerHash, now);
    }
    if (peer != null && a.kind == Kind.UPSERT && a.offerCount > 0) {
      chooseOfferTargets(torrent, peer, slot, a, now);
    }
    a.seeders = torrent.seeders();
    a.leechers = torrent.leechers();
    if (a.seeders != seedersBefore) {
      totals.seeders(a.ipv6).add(a.seeders - seedersBefore);
    }
    removeIfEmpty(table, torrentHash, torrent, a.ipv6);
  }

  private void matchAnswer(WsTorrent torrent, SwarmAnnounce a, long toPeerHash, int now) {
    final int slot = torrent.find(a.toPeerA, a.toPeerB, a.toPeerC, toPeerHash);
    if (slot < 0) {
      a.answerOutcome = AnswerOutcome.UNKNOWN_OFFERER;
      return;
    }
    final WsPeer offerer = torrent.peerAt(slot);
    final PendingOffers pending = offerer.pending;
    if (pending != null
        && pending.take(a.peerA, a.peerB, a.peerC, a.answerOfferA, a.answerOfferB, a.answerOfferC, now)) {
      a.answerOutcome = AnswerOutcome.RELAY;
      a.answerTarget = offerer.owner;
    } else {
      a.answerOutcome = AnswerOutcome.NO_MATCHING_OFFER;
    }
  }

  /**
   * Picks {@code min(offers, others)} distinct peers other than the announcer, uniformly at random,
   * and remembers each offer as awaiting that peer's answer.
   */
  private void chooseOfferTargets(WsTorrent torrent, WsPeer offerer, int selfSlot, SwarmAnnounce a, int now) {
    final int size = torrent.size();
    final int others = size - 1;
    final int wanted = Math.min(a.offerCount, others);
    final int[] chosen = a.chosenSlots;
    int n = 0;
    if (wanted == others) {
      for (int s = 0; s < size; s++) {
        if (s != selfSlot) {
          chosen[n++] = s;
        }
      }
    } else {
      // Rejection sampling: wanted < others, so at least two candidates remain at every step and
      // the expected number of draws is small (at most about others * H(others) when wanted is
      // others - 1, i.e. tens for max_offers <= 100).
      while (n < wanted) {
        final int s = (int) ((nextRandom() >>> 33) % size);
        if (s != selfSlot && !contains(chosen, n, s)) {
          chosen[n++] = s;
        }
      }
    }
    final int expiresAt = now + settings.maxOfferAge();
    final byte[] offerIds = a.offerIds;
    final PendingOffers pending = offerer.pending();
    for (int i = 0; i < n; i++) {
      final WsPeer target = torrent.peerAt(chosen[i]);
      a.targets[i] = target.owner;
      final int o = i * IdWords.LENGTH;
      pending.add(
          target.idA, target.idB, target.idC,
          IdWords.a(offerIds, o), IdWords.b(offerIds, o), IdWords.c(offerIds, o),
          expiresAt, now, settings.pendingOffersPerPeer());
    }
    a.targetCount = n;
  }

  private static boolean contains(int[] values, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  private void removeIfEmpty(
      Long2ObjectOpenHashMap<WsTorrent> table, long torrentHash, WsTorrent torrent, boolean v6) {
    if (torrent.removable()) {
      table.remove(torrentHash);
      totals.torrents(v6).decrement();
    }
  }

  /** Fills {@code out} with {seeders, leechers} of the torrent, zeros if unknown. */
  void scrape(boolean v6, long torrentHash, long a, long b, int c, int[] out) {
    final WsTorrent torrent = table(v6).get(torrentHash);
    if (torrent != null && torrent.hasInfoHash(a, b, c)) {
      out[0] = torrent.seeders();
      out[1] = torrent.leechers();
      out[2] = torrent.completed;
    } else {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
    }
  }

  /** Removes the peer if {@code owner} owns it; see {@link WsSwarmStore#remove}. */
  void remove(
      boolean v6, long torrentHash, long ihA, long ihB, int ihC,
      long peerA, long peerB, int peerC, long peerHash, PeerOwner owner) {
    final Long2ObjectOpenHashMap<WsTorrent> table = table(v6);
    final WsTorrent torrent = table.get(torrentHash);
    if (torrent == null || !torrent.hasInfoHash(ihA, ihB, ihC)) {
      return;
    }
    final int slot = torrent.find(peerA, peerB, peerC, peerHash);
    if (slot >= 0 && torrent.peerAt(slot).owner == owner) {
      if (torrent.peerAt(slot).seeder) {
        totals.seeders(v6).decrement();
      }
      torrent.removeAt(slot);
      totals.peers(v6).decrement();
      removeIfEmpty(table, torrentHash, torrent, v6);
    }
  }

  /** Removes expired peers and offers, torrents {@code allowed} rejects, and empty torrents. */
  void clean(int now, InfoHashFilter allowed, BusiestTorrents busiest4, BusiestTorrents busiest6) {
    clean(ipv4, false, now, allowed, busiest4);
    clean(ipv6, true, now, allowed, busiest6);
  }

  private void clean(
      Long2ObjectOpenHashMap<WsTorrent> table,
      boolean v6,
      int now,
      InfoHashFilter allowed,
      BusiestTorrents busiest) {
    final ObjectIterator<Long2ObjectMap.Entry<WsTorrent>> it = table.long2ObjectEntrySet().fastIterator();
    while (it.hasNext()) {
      final WsTorrent torrent = it.next().getValue();
      final boolean keep = allowed.allows(torrent.infoHashA, torrent.infoHashB, torrent.infoHashC);
      int removed = 0;
      final int seedersBefore = torrent.seeders();
      if (!keep) {
        torrent.keepEmptyUntil = 0;
      }
      for (int slot = 0; slot < torrent.size(); ) {
        final WsPeer peer = torrent.peerAt(slot);
        if (!keep || peer.validUntil < now) {
          torrent.removeAt(slot); // the last peer moved into this slot: look at it next
          removed++;
          continue;
        }
        final PendingOffers pending = peer.pending;
        if (pending != null) {
          pending.removeExpired(now);
          if (pending.size() == 0) {
            peer.pending = null;
          }
        }
        slot++;
      }
      if (removed > 0) {
        totals.peers(v6).add(-removed);
        totals.seeders(v6).add(torrent.seeders() - seedersBefore);
      }
      torrent.expireKeeping(now);
      if (torrent.cleanable()) {
        it.remove();
        totals.torrents(v6).decrement();
      } else if (torrent.size() > 0) {
        busiest.offer(
            torrent.infoHashA, torrent.infoHashB, torrent.infoHashC, torrent.size(),
            torrent.seeders());
      }
    }
  }

  /** Appends every torrent with a completed count to {@code out} (see {@link WsSwarmStore#writeCompleted}). */
  void copyCompleted(CompletedCounts out) {
    copyCompleted(ipv4, false, out);
    copyCompleted(ipv6, true, out);
  }

  private static void copyCompleted(
      Long2ObjectOpenHashMap<WsTorrent> table, boolean v6, CompletedCounts out) {
    for (WsTorrent torrent : table.values()) {
      if (torrent.completed > 0) {
        out.add(v6, torrent.infoHashA, torrent.infoHashB, torrent.infoHashC, torrent.completed);
      }
    }
  }

  /**
   * Adds {@code completed} to the torrent's count; a torrent that is not there is created empty and
   * kept until {@code keepUntil}. Returns false (nothing done) if another info hash holds the
   * torrent's 64-bit hash.
   */
  boolean restoreCompleted(
      boolean v6, long torrentHash, long a, long b, int c, int completed, int keepUntil) {
    final Long2ObjectOpenHashMap<WsTorrent> table = table(v6);
    WsTorrent torrent = table.get(torrentHash);
    if (torrent == null) {
      torrent = new WsTorrent(a, b, c);
      torrent.keepEmptyUntil = keepUntil;
      table.put(torrentHash, torrent);
      totals.torrents(v6).increment();
    } else if (!torrent.hasInfoHash(a, b, c)) {
      return false;
    }
    torrent.completed = (int) Math.min(Integer.MAX_VALUE, (long) torrent.completed + completed);
    return true;
  }

  /** splitmix64: a fast, well-mixed sequence; only needs to be unpredictable-ish, not secure. */
  private long nextRandom() {
    long z = (randomState += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
