package org.aquaticjava.loadtest.udp;

import java.util.List;

/**
 * Kinds of UDP request, as bytes for the in-flight table; also the response type indexes of the
 * {@link org.aquaticjava.loadtest.OutcomeCounters} ({@code CONNECT} = 0 and so on).
 */
final class RequestKind {
  static final byte CONNECT = 0;
  static final byte ANNOUNCE = 1;
  static final byte SCRAPE = 2;
  /** A free in-flight slot. */
  static final byte NONE = -1;

  /** Response type names in index order, as they appear in reports and the summary line. */
  static final List<String> NAMES = List.of("connect", "announce", "scrape");

  private RequestKind() {}
}
