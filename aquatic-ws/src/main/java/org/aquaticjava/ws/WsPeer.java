package org.aquaticjava.ws;

import org.jspecify.annotations.Nullable;

/**
 * One WebRTC peer of one swarm: its peer id (the key: WebRTC peers have no usable IP and port),
 * the connection that owns it, whether it seeds, when it expires, and the offers it sent that await
 * answers. Guarded by the lock of its shard.
 */
final class WsPeer {
  final long idA;
  final long idB;
  final int idC;
  /** Seeded hash of the id, kept for the torrent's index. */
  final long hash;
  final PeerOwner owner;
  boolean seeder;
  int validUntil;
  /** Created with the first offer this peer sends; most peers of a quiet swarm have none. */
  @Nullable PendingOffers pending;

  WsPeer(long idA, long idB, int idC, long hash, PeerOwner owner) {
    this.idA = idA;
    this.idB = idB;
    this.idC = idC;
    this.hash = hash;
    this.owner = owner;
  }

  boolean hasId(long a, long b, int c) {
    return idA == a && idB == b && idC == c;
  }

  PendingOffers pending() {
    PendingOffers p = pending;
    if (p == null) {
      p = pending = new PendingOffers();
    }
    return p;
  }
}
