package org.aquaticjava.ws;

import org.aquaticjava.core.swarm.IdWords;
import org.jspecify.annotations.Nullable;

/**
 * One announce as the swarm state sees it, and what came of it: a reusable slot owned by one
 * socket worker, filled before {@link WsSwarmStore#announce} and read after it. Not thread-safe.
 *
 * <p>Ids are split as in {@link IdWords}. Offer ids stay in the caller's array ({@link #offerIds},
 * offer {@code i} at {@code i * 20}), normally {@code WsRequest.offerIds()}.
 */
final class SwarmAnnounce {
  /** What the announce does to the announcer's peer. */
  enum Kind {
    /** Insert or refresh the peer (started, completed, update, unknown events). */
    UPSERT,
    /** Remove the peer. */
    STOPPED,
    /**
     * Only an answer: refresh the peer if present, never insert it (the message carries no
     * {@code left}, so it says nothing about seeding).
     */
    ANSWER_ONLY
  }

  /** Whether the swarm state took the announce. */
  enum Outcome {
    ACCEPTED,
    /** The peer id belongs to another connection: the message is ignored (no reply). */
    PEER_ID_TAKEN,
    /** A 64-bit seeded-hash collision between distinct ids; refused (astronomically rare). */
    HASH_COLLISION
  }

  /** What became of the answer the announce carried. */
  enum AnswerOutcome {
    NONE,
    /** Relay it to {@link #answerTarget}. */
    RELAY,
    /** The offerer is in the swarm but expects no such answer (never sent, answered or expired). */
    NO_MATCHING_OFFER,
    /** No peer with {@code to_peer_id} in this swarm: nothing is sent (like aquatic). */
    UNKNOWN_OFFERER
  }

  // ---- input ----
  boolean ipv6;
  long infoHashA;
  long infoHashB;
  int infoHashC;
  long peerA;
  long peerB;
  int peerC;
  @Nullable PeerOwner owner;
  Kind kind = Kind.UPSERT;
  boolean seeder;
  /** The announce's event is {@code completed}: the torrent's completed count goes up. */
  boolean completed;
  byte @Nullable [] offerIds;
  int offerCount;
  boolean answer;
  long toPeerA;
  long toPeerB;
  int toPeerC;
  long answerOfferA;
  long answerOfferB;
  int answerOfferC;

  // ---- output ----
  Outcome outcome = Outcome.ACCEPTED;
  /** Whether the announcer's peer is in the swarm after the announce. */
  boolean peerPresent;
  int seeders;
  int leechers;
  /** Owners of the peers chosen for offers: offer {@code i} goes to {@code targets[i]}. */
  final PeerOwner[] targets;
  int targetCount;
  AnswerOutcome answerOutcome = AnswerOutcome.NONE;
  @Nullable PeerOwner answerTarget;

  /** Scratch of the store: slots already chosen as offer targets. */
  final int[] chosenSlots;

  SwarmAnnounce(int maxOffers) {
    targets = new PeerOwner[maxOffers];
    chosenSlots = new int[maxOffers];
  }

  /** Sets the info hash from 20 bytes at {@code offset}. */
  void infoHash(byte[] id, int offset) {
    infoHashA = IdWords.a(id, offset);
    infoHashB = IdWords.b(id, offset);
    infoHashC = IdWords.c(id, offset);
  }

  void peerId(byte[] id, int offset) {
    peerA = IdWords.a(id, offset);
    peerB = IdWords.b(id, offset);
    peerC = IdWords.c(id, offset);
  }

  /** Sets the answer fields: the offerer it goes to and the offer it answers. */
  void answer(byte[] toPeerId, byte[] offerId) {
    answer = true;
    toPeerA = IdWords.a(toPeerId, 0);
    toPeerB = IdWords.b(toPeerId, 0);
    toPeerC = IdWords.c(toPeerId, 0);
    answerOfferA = IdWords.a(offerId, 0);
    answerOfferB = IdWords.b(offerId, 0);
    answerOfferC = IdWords.c(offerId, 0);
  }

  void resetResults() {
    outcome = Outcome.ACCEPTED;
    peerPresent = false;
    seeders = 0;
    leechers = 0;
    targetCount = 0;
    answerOutcome = AnswerOutcome.NONE;
    answerTarget = null;
  }

  /** Forgets the connections it refers to, so a closed connection is not kept reachable. */
  void releaseReferences() {
    for (int i = 0; i < targetCount; i++) {
      targets[i] = null;
    }
    targetCount = 0;
    answerTarget = null;
    owner = null;
    offerIds = null;
  }
}
