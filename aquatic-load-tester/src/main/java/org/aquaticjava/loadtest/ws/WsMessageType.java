package org.aquaticjava.loadtest.ws;

import java.util.List;

/** Indices of the message types the ws load test counts, in report order. */
final class WsMessageType {
  /** Announce responses to the connection's own announces. */
  static final int ANNOUNCE = 0;
  /** Offers relayed from another peer. */
  static final int OFFER = 1;
  /** Answers relayed back to the connection's offers. */
  static final int ANSWER = 2;
  /** Scrape responses. */
  static final int SCRAPE = 3;

  static final List<String> NAMES = List.of("announce", "offer", "answer", "scrape");

  private WsMessageType() {}
}
