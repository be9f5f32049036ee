package org.aquaticjava.loadtest.http;

import java.util.List;

/**
 * Kinds of HTTP tracker request; also the response type indexes of the {@link
 * org.aquaticjava.loadtest.OutcomeCounters} ({@code ANNOUNCE} = 0, {@code SCRAPE} = 1).
 */
final class ReplyKind {
  static final int ANNOUNCE = 0;
  static final int SCRAPE = 1;

  /** Response type names in index order, as they appear in reports and the summary line. */
  static final List<String> NAMES = List.of("announce", "scrape");

  private ReplyKind() {}
}
