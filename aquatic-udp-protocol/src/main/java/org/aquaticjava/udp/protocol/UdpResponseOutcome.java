package org.aquaticjava.udp.protocol;

/** What {@link UdpResponseParser#parse} found in a tracker's reply. */
public enum UdpResponseOutcome {
  CONNECT,
  ANNOUNCE,
  SCRAPE,
  /** An action-3 error; the text is in {@link UdpResponse#errorMessage()}. */
  ERROR,
  /**
   * Not a valid BEP 15 response: shorter than its fixed part, an unknown action, or a body that is
   * not a whole number of peers or scrape entries.
   */
  MALFORMED
}
