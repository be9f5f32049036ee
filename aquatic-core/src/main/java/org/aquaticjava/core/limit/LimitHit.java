package org.aquaticjava.core.limit;

import java.util.Locale;

/**
 * Why a source's request was refused by a per-source limit: the label of {@code
 * aquatic_source_limits_hit_total{limit}}. Constant names in lower case are the labels; never
 * rename a released one.
 */
public enum LimitHit {
  UDP_CONNECT,
  UDP_ANNOUNCE,
  UDP_SCRAPE,
  HTTP_REQUEST,
  WS_MESSAGE,
  WS_CONNECTION,
  /** The source scraped more distinct torrents in its window than allowed. */
  SCRAPED_TORRENTS,
  /** The source is banned: the request was ignored. */
  BANNED;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }
}
