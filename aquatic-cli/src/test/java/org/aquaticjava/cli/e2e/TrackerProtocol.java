package org.aquaticjava.cli.e2e;

import java.util.regex.Pattern;

/**
 * The trackers of {@code aquatic.jar} that real clients are run against, with what differs between
 * them: the sub-command, the announce URL, the line that tells the listening port, and whether
 * the tracker serves TLS with a certificate from a test CA. Immutable.
 */
enum TrackerProtocol {
  /** {@code aquatic udp} (BEP 15). */
  UDP("udp", "udp://%s:%d/announce", "UDP tracker listening on /", false),
  /** {@code aquatic http} without TLS. */
  HTTP("http", "http://%s:%d/announce", "HTTP tracker listening on /", false),
  /** {@code aquatic http} with {@code [network.tls]} on. */
  HTTPS("http", "https://%s:%d/announce", "HTTPS tracker listening on /", true),
  /** {@code aquatic ws} without TLS. */
  WS("ws", "ws://%s:%d", "WebTorrent tracker listening on ws://", false),
  /** {@code aquatic ws} with {@code [network.tls]} on. */
  WSS("ws", "wss://%s:%d", "WebTorrent tracker listening on wss://", true);

  private final String command;
  private final String announceUrl;
  private final Pattern listening;
  private final Pattern listeningIpv6;
  private final boolean tls;

  TrackerProtocol(String command, String announceUrl, String listeningPrefix, boolean tls) {
    this.command = command;
    this.announceUrl = announceUrl;
    // e.g. "HTTPS tracker listening on /127.0.0.1:40113 with 1 socket workers over io_uring; ..."
    this.listening = Pattern.compile(Pattern.quote(listeningPrefix) + "127\\.0\\.0\\.1:(\\d+) ");
    // "... listening on /127.0.0.1:40113 and /[0:0:0:0:0:0:0:1]:40114 with ..." (UDP and HTTP)
    this.listeningIpv6 =
        Pattern.compile(
            Pattern.quote(listeningPrefix)
                + "127\\.0\\.0\\.1:\\d+ and /\\[0:0:0:0:0:0:0:1\\]:(\\d+) ");
    this.tls = tls;
  }

  /** The {@code aquatic} sub-command. */
  String command() {
    return command;
  }

  /** Whether the tracker serves TLS and clients need the test CA. */
  boolean tls() {
    return tls;
  }

  /** Whether this tracker also listens on {@code [::1]} in the end-to-end tests (UDP, HTTP(S)). */
  boolean listensOnIpv6() {
    return !webTorrent();
  }

  /** Whether this is the WebTorrent tracker. */
  boolean webTorrent() {
    return command.equals("ws");
  }

  /** Matches the tracker's log line saying it listens; group 1 is the IPv4 port. */
  Pattern listeningLine() {
    return listening;
  }

  /** Matches the tracker's log line saying it listens; group 1 is the IPv6 ({@code [::1]}) port. */
  Pattern listeningLineIpv6() {
    return listeningIpv6;
  }

  /** The announce URL on IPv4 loopback. */
  String announceUrl(int port) {
    return announceUrl("127.0.0.1", port);
  }

  /** The announce URL on {@code host} (an IPv4 literal, or an IPv6 literal in brackets). */
  String announceUrl(String host, int port) {
    return announceUrl.formatted(host, port);
  }
}
