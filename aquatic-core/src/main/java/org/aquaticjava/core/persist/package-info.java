/**
 * Warm restart: snapshots of the swarm state, so that swarms survive a restart and a crash.
 *
 * <p>The format ({@link org.aquaticjava.core.persist.SnapshotFormat}) is stream-based: {@link
 * org.aquaticjava.core.persist.SnapshotWriter} and {@link org.aquaticjava.core.persist.SnapshotReader}
 * work on any stream, and {@link org.aquaticjava.core.persist.SnapshotEncoder} walks a {@code
 * SwarmStore} shard by shard without holding a lock for longer than a copy, so the same code can
 * serve a cluster's state transfer. On disk, {@link org.aquaticjava.core.persist.SnapshotSchedule}
 * writes periodically and at shutdown (atomic replacement, mode 0600) and {@link
 * org.aquaticjava.core.persist.SnapshotLoad} reads at start, moving unusable files aside. {@link
 * org.aquaticjava.core.persist.WarmRestart} ties them to the (IP, port) store, its clock and the
 * connection-id key.
 */
@NullMarked
package org.aquaticjava.core.persist;

import org.jspecify.annotations.NullMarked;
