package org.aquaticjava.core.swarm;

/**
 * Outcome of one cleaning pass over a store or a set of shards.
 *
 * @param ipv4 what the IPv4 swarms hold afterwards
 * @param ipv6 what the IPv6 swarms hold afterwards
 * @param peersRemoved peers removed (expired, or in a removed torrent), both families
 * @param torrentsRemoved torrents removed (empty or no longer allowed), both families
 */
public record CleaningReport(
    SwarmStatistics ipv4, SwarmStatistics ipv6, long peersRemoved, long torrentsRemoved) {}
