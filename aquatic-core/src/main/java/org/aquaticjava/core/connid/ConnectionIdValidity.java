package org.aquaticjava.core.connid;

import java.util.Locale;

/**
 * Outcome of checking a connection id. The lower-case constant names are metric label values
 * ({@link #label()}) and must never be renamed once released.
 */
public enum ConnectionIdValidity {
  /** Issued by this process for this IP address and still within its lifetime. */
  VALID,
  /** The MAC does not match: not issued by this process (or not for this IP address). */
  FORGED,
  /**
   * Authentic but older than the maximum age plus grace. A tracker may answer this with an
   * action-3 error so that the client reconnects sooner (protocols.md §1.6).
   */
  EXPIRED,
  /**
   * Authentic MAC but an issue time more than {@link ConnectionIdValidator#MAX_FUTURE_SECONDS}
   * seconds ahead of the clock: only a brute-forced id can look like this.
   */
  FROM_FUTURE;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The metric label value, e.g. {@code from_future}. */
  public String label() {
    return label;
  }
}
