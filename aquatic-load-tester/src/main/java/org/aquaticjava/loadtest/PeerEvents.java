package org.aquaticjava.loadtest;

import java.util.SplittableRandom;

/**
 * The announce life cycle of the peers one worker owns: a peer's first announce joins the swarm
 * ({@link PeerEvent#STARTED} for leechers, {@link PeerEvent#COMPLETED} for seeders), later ones are
 * {@link PeerEvent#NONE}, and with {@code stoppedProbability} an announce is {@link
 * PeerEvent#STOPPED}, after which the peer joins again on its next announce.
 *
 * <p>Not thread-safe: owned by one worker thread.
 */
public final class PeerEvents {
  private final PeerPool peers;
  private final boolean[] joined;
  private final double stoppedProbability;

  /** Creates the state for all peers of {@code peers}, none of which has joined yet. */
  public PeerEvents(PeerPool peers, double stoppedProbability) {
    this.peers = peers;
    this.joined = new boolean[peers.size()];
    this.stoppedProbability = stoppedProbability;
  }

  /** Chooses the event of the next announce of {@code peer} and advances its state. */
  public PeerEvent next(int peer, SplittableRandom random) {
    if (!joined[peer]) {
      joined[peer] = true;
      return peers.isSeeder(peer) ? PeerEvent.COMPLETED : PeerEvent.STARTED;
    }
    if (stoppedProbability > 0 && random.nextDouble() < stoppedProbability) {
      joined[peer] = false;
      return PeerEvent.STOPPED;
    }
    return PeerEvent.NONE;
  }
}
