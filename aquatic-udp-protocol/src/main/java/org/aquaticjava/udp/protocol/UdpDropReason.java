package org.aquaticjava.udp.protocol;

import java.util.Locale;

/**
 * Why a datagram gets no answer at all. The constant names, in lower case, are metric labels
 * ({@link #label()}): never rename a released constant.
 */
public enum UdpDropReason {
  /** Fewer than 16 bytes: not even connection id, action and transaction id. */
  TOO_SHORT,
  /** Action connect, but the first 8 bytes are not the BEP 15 magic. */
  BAD_PROTOCOL_ID,
  /** Action announce with fewer than the 98 bytes of the fixed part. */
  TRUNCATED_ANNOUNCE,
  /** Any action other than connect, announce or scrape, including 3 (error) sent by a client. */
  UNKNOWN_ACTION;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The metric label: the constant name in lower case, e.g. {@code too_short}. */
  public String label() {
    return label;
  }
}
