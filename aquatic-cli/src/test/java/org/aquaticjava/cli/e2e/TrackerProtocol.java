package org.aquaticjava.cli.e2e;

import java.util.regex.Pattern;

/**
 * The trackers of {@code aquatic.jar} that real BitTorrent clients are run against, with what
 * differs between them: the sub-command, the announce URL scheme, the line that tells the listening
 * port, and how much aria2c has to log for its tracker replies to be read back. Immutable.
 */
enum TrackerProtocol {
  /** {@code aquatic udp} (BEP 15). */
  UDP("udp", "udp", "UDP", "info"),
  /** {@code aquatic http} without TLS. */
  HTTP("http", "http", "HTTP", "debug"),
  /** {@code aquatic http} with {@code [network.tls]} on, a certificate from a test CA. */
  HTTPS("http", "https", "HTTPS", "debug");

  private final String command;
  private final String scheme;
  private final Pattern listening;
  private final String aria2LogLevel;

  TrackerProtocol(String command, String scheme, String logName, String aria2LogLevel) {
    this.command = command;
    this.scheme = scheme;
    // e.g. "HTTPS tracker listening on /127.0.0.1:40113 with 1 socket workers over io_uring; ..."
    this.listening = Pattern.compile(logName + " tracker listening on /127\\.0\\.0\\.1:(\\d+) ");
    this.aria2LogLevel = aria2LogLevel;
  }

  /** The {@code aquatic} sub-command. */
  String command() {
    return command;
  }

  /** Whether the tracker serves TLS and clients need the test CA. */
  boolean tls() {
    return this == HTTPS;
  }

  /** Matches the tracker's log line saying it listens; group 1 is the IPv4 port. */
  Pattern listeningLine() {
    return listening;
  }

  /** The announce URL on loopback. */
  String announceUrl(int port) {
    return scheme + "://127.0.0.1:" + port + "/announce";
  }

  /**
   * aria2c's {@code --log-level} for this tracker: at info it logs UDP tracker replies in full, but
   * the outcome of an HTTP announce (seeders, peers added) only at debug.
   */
  String aria2LogLevel() {
    return aria2LogLevel;
  }
}
