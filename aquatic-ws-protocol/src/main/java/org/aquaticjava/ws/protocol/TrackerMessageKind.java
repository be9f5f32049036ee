package org.aquaticjava.ws.protocol;

/** What {@link TrackerMessageParser#parse} found in a message from a tracker. */
public enum TrackerMessageKind {
  /** {@code complete}/{@code incomplete}/{@code interval} for the client's own announce. */
  ANNOUNCE_RESPONSE,
  /** An offer relayed from peer {@link TrackerMessage#peerId()}. */
  OFFER,
  /** An answer relayed from peer {@link TrackerMessage#peerId()}. */
  ANSWER,
  /** Counts per info hash. */
  SCRAPE_RESPONSE,
  /** A {@code failure reason}. */
  ERROR,
  /** Anything else; see {@link TrackerMessage#invalidReason()}. */
  INVALID
}
