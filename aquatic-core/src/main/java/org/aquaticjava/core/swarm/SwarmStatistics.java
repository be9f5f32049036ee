package org.aquaticjava.core.swarm;

/**
 * What one address family's swarms held right after a cleaning.
 *
 * @param torrents torrents with at least one peer
 * @param peers peers in those torrents
 * @param seeders of which seeders
 * @param peersPerTorrent distribution of peers per torrent
 */
public record SwarmStatistics(long torrents, long peers, long seeders, PeersPerTorrent peersPerTorrent) {}
