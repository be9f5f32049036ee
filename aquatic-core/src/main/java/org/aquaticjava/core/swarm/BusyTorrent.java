package org.aquaticjava.core.swarm;

/**
 * One of the torrents with the most peers, as a cleaning pass saw it ({@link BusiestTorrents}).
 *
 * @param infoHash 40 lower-case hex digits
 * @param peers peers of one address family
 * @param seeders of which seeders
 */
public record BusyTorrent(String infoHash, int peers, int seeders) {
  /** Peers that are not seeders. */
  public int leechers() {
    return peers - seeders;
  }
}
