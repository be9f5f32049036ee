package org.aquaticjava.udp.protocol;

/** What {@link UdpRequestParser#parse} found in a datagram, and so what the tracker does next. */
public enum UdpParseOutcome {
  /** A connect request: answer with a connection id. */
  CONNECT,
  /** A well-formed announce. */
  ANNOUNCE,
  /** A well-formed scrape, possibly truncated to the configured limit. */
  SCRAPE,
  /**
   * A request whose ids could be read but whose content is refused with an action-3 message
   * ({@link UdpRequest#errorMessage()}). Send it only if the connection id is valid, like aquatic.
   */
  ERROR,
  /** Not answerable: ignore the datagram and count {@link UdpRequest#dropReason()}. */
  DROP
}
