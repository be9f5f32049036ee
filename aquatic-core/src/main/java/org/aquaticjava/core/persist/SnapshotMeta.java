package org.aquaticjava.core.persist;

import org.aquaticjava.core.connid.ConnectionIdKey;

/**
 * The META section of a snapshot: when it was taken and the writer's facts that its contents
 * depend on.
 *
 * @param wallMillis wall-clock time the snapshot began, milliseconds since the Unix epoch
 * @param clockSeconds the writer's server clock at that moment; announce seconds are on this clock
 * @param maxPeerAgeSeconds the writer's {@code max_peer_age}
 * @param tickSeconds the writer's announce tick: announce seconds are exact to this many seconds
 * @param connectionIdKey the key the writer signed UDP connection ids with
 */
public record SnapshotMeta(
    long wallMillis,
    int clockSeconds,
    int maxPeerAgeSeconds,
    int tickSeconds,
    ConnectionIdKey connectionIdKey) {}
