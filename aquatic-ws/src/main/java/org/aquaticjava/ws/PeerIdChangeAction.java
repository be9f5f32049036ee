package org.aquaticjava.ws;

/**
 * What the tracker does when a connection announces a second, different peer id for an info hash
 * (aquatic #17): aquatic closes the connection, which broke clients that rotate ids
 * (p2p-media-loader#465); an error reply is enough to keep the swarm consistent.
 */
public enum PeerIdChangeAction {
  /** Reply "Only one peer id can be used per torrent" and ignore the message. */
  ERROR,
  /** Reply as for ERROR, then close the connection (aquatic's behaviour). */
  CLOSE
}
