package org.aquaticjava.cli.e2e;

import java.util.Optional;

/**
 * One tracker answer to an announce, as an aria2c client logged it: either an announce response
 * (with the swarm it described) or a refusal with the tracker's failure text. Immutable.
 *
 * @param tracker {@code host:port} the answer came from
 * @param infoHash the torrent announced, in lower-case hex; empty for a UDP error reply, which
 *     does not name it
 * @param failureReason the refusal text; empty for an announce response
 * @param seeders seeders in the swarm according to the response (0 for a refusal)
 * @param peers peers the response handed to the client (0 for a refusal)
 */
record TrackerReply(
    String tracker,
    Optional<String> infoHash,
    Optional<String> failureReason,
    int seeders,
    int peers) {

  static TrackerReply announced(String tracker, String infoHash, int seeders, int peers) {
    return new TrackerReply(tracker, Optional.of(infoHash), Optional.empty(), seeders, peers);
  }

  static TrackerReply refused(String tracker, Optional<String> infoHash, String failureReason) {
    return new TrackerReply(tracker, infoHash, Optional.of(failureReason), 0, 0);
  }

  /** Whether this is an announce response rather than a refusal. */
  boolean answered() {
    return failureReason.isEmpty();
  }
}
