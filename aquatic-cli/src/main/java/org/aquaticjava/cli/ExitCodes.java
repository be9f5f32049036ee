package org.aquaticjava.cli;

/** The exit statuses of {@code aquatic}; 2 is also picocli's status for bad arguments. */
final class ExitCodes {
  /** Done: printed what was asked, or the tracker stopped on request. */
  static final int OK = 0;

  /** The tracker could not start (e.g. a port in use) or stopped by itself. */
  static final int START_FAILED = 1;

  /** The config file is missing or wrong; every problem was printed. */
  static final int BAD_CONFIG = 2;

  private ExitCodes() {}
}
