package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The real BitTorrent client families the trackers are proven with (Debian 12 packages), with what
 * the end-to-end tests must know about each. Immutable.
 */
enum ClientFamily {
  /** aria2c 1.36 (its own BitTorrent code). */
  ARIA2(List.of("aria2c"), true, Aria2Client::start),
  /** transmission-daemon 3.00, driven with transmission-remote. */
  TRANSMISSION(
      List.of("transmission-daemon", "transmission-remote"), false, TransmissionClient::start),
  /** rtorrent 0.9.8 on libtorrent 0.13.8, headless with a generated configuration. */
  RTORRENT(List.of("rtorrent"), true, RtorrentClient::start),
  /** qbittorrent-nox 4.5.2 on libtorrent-rasterbar 2.0.8, driven through its Web UI API. */
  QBITTORRENT(List.of("qbittorrent-nox"), true, QbittorrentClient::start);

  /** Starts a client of the family. */
  @FunctionalInterface
  interface Starter {
    TorrentClient start(ClientSetup setup) throws IOException, InterruptedException;
  }

  private final List<String> programs;
  private final boolean dialsLoopbackPeers;
  private final Starter starter;

  ClientFamily(List<String> programs, boolean dialsLoopbackPeers, Starter starter) {
    this.programs = programs;
    this.dialsLoopbackPeers = dialsLoopbackPeers;
    this.starter = starter;
  }

  /** The programs the family needs on PATH. */
  List<String> programs() {
    return programs;
  }

  /**
   * Whether the client connects to loopback peers it learns from a tracker. Transmission does not
   * (it treats 127.0.0.0/8 and ::1 as martian addresses) but accepts their connections: a
   * Transmission leecher must announce first, so that the seeder learns it and dials it.
   */
  boolean dialsLoopbackPeers() {
    return dialsLoopbackPeers;
  }

  /**
   * Whether the client can announce to a {@code protocol} tracker on {@code [::1]} (and exchange
   * data with a peer over ::1) while bound to loopback. aria2c sends UDP tracker requests only
   * through its IPv4 DHT socket. Transmission 3.00 mis-parses tracker URLs with an IPv6 literal (it
   * lists {@code udp://[::1]:PORT/announce} as {@code udp://[:-1}, the https one likewise) and
   * fails every announce to them with "Could not connect to tracker".
   * rtorrent's libtorrent 0.13.8 has no IPv6 support.
   */
  boolean reachesIpv6(TrackerProtocol protocol) {
    return switch (this) {
      case ARIA2 -> protocol != TrackerProtocol.UDP;
      case QBITTORRENT -> true;
      case TRANSMISSION, RTORRENT -> false;
    };
  }

  /** Starts a client of this family with {@code setup}; it runs until closed. */
  TorrentClient start(ClientSetup setup) throws IOException, InterruptedException {
    return starter.start(setup);
  }

  /** The name used in test names and directories, e.g. {@code qbittorrent}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
