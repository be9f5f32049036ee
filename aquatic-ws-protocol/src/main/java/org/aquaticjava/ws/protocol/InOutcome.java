package org.aquaticjava.ws.protocol;

/** What {@link WebTorrentJsonReader#read} found in a client message. */
public enum InOutcome {
  /** A well-formed announce: possibly with offers, possibly an answer (see {@link InMessage}). */
  ANNOUNCE,
  /** A well-formed scrape, possibly of no named hash ({@link InMessage#fullScrape()}). */
  SCRAPE,
  /**
   * A message refused with {@link InMessage#error()}; reply with its failure reason and, when
   * {@link InMessage#action()} and {@link InMessage#infoHashKnown()} allow, the action and info
   * hash, so the reference client can route the reply (aquatic #15).
   */
  ERROR
}
