package org.aquaticjava.core.swarm;

import java.util.List;

/**
 * What one address family's swarms held right after a cleaning.
 *
 * @param torrents torrents with at least one peer
 * @param peers peers in those torrents
 * @param seeders of which seeders
 * @param peersPerTorrent distribution of peers per torrent
 * @param busiest the torrents with the most peers, most first ({@link BusiestTorrents#MAX} at most)
 */
public record SwarmStatistics(
    long torrents,
    long peers,
    long seeders,
    PeersPerTorrent peersPerTorrent,
    List<BusyTorrent> busiest) {}
