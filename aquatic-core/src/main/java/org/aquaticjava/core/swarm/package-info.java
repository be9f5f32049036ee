/**
 * Swarm state shared by the UDP, HTTP and WebTorrent-free trackers: torrents keyed by info hash,
 * peers keyed by (source IP, announced port), kept apart per address family.
 *
 * <p>Layout: a {@link org.aquaticjava.core.swarm.SwarmStore} splits torrents into a power-of-two
 * number of {@link org.aquaticjava.core.swarm.SwarmShard}s by a seeded hash of the info hash. Each
 * shard holds one open-addressing torrent table per family over parallel primitive arrays; a
 * torrent's peers are one dense {@code long[]} (one word per IPv4 peer, three per IPv6 peer, see
 * {@link org.aquaticjava.core.swarm.PeerWords}), plus an {@code int[]} hash index once the swarm is
 * large. There is no Java object per peer and none per small swarm beyond its peer array.
 *
 * <p>Threads: {@code SwarmShard} is single-threaded and lock-free; {@code SwarmStore} guards each
 * shard with its own lock so socket workers can call it directly. Time is an {@code int} of
 * seconds since start passed in by the caller; nothing here reads a clock. Announce and scrape
 * allocate nothing once a swarm's arrays have grown to fit it.
 */
@NullMarked
package org.aquaticjava.core.swarm;

import org.jspecify.annotations.NullMarked;
