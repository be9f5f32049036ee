package org.aquaticjava.core.overload;

import java.util.Locale;

/**
 * What a saturated socket worker did instead of serving a request as usual: the label of {@code
 * aquatic_overload_shed_total{action}}. Constant names in lower case are the labels; never rename
 * a released one.
 */
public enum ShedAction {
  /** An announce was answered with the raised interval. */
  INTERVAL_RAISED,
  /** A UDP scrape was dropped unanswered. */
  SCRAPE_DROPPED,
  /** An HTTP scrape was answered with a failure carrying BEP 31 {@code retry in}. */
  RETRY_IN;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }
}
