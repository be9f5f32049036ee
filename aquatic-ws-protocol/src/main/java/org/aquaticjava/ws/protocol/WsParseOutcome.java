package org.aquaticjava.ws.protocol;

/** What {@link WsRequestParser#parse} found in a client message. */
public enum WsParseOutcome {
  /** A well-formed announce: possibly with offers, possibly an answer (see {@link WsRequest}). */
  ANNOUNCE,
  /** A well-formed scrape, possibly of no named hash ({@link WsRequest#fullScrape()}). */
  SCRAPE,
  /**
   * A message refused with {@link WsRequest#error()}; reply with its failure reason and, when
   * {@link WsRequest#action()} and {@link WsRequest#infoHashKnown()} allow, the action and info
   * hash, so the reference client can route the reply (aquatic #15).
   */
  ERROR
}
