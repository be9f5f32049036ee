package org.aquaticjava.core.config;

/**
 * The {@code [persistence]} section, shared by every protocol: warm restart through a snapshot
 * file (see {@code org.aquaticjava.core.persist}). Off when {@code path} is empty.
 */
@Doc("Warm restart: swarms are saved to a snapshot file and loaded again at start.")
public record PersistenceConfig(
    @Doc(
            "Snapshot file; empty turns persistence off. Written every snapshot_interval and on"
                + " SIGTERM/SIGINT (to a temporary file in the same directory, then renamed),"
                + " with mode 0600 because it holds the connection-id key. Loaded at start; a"
                + " damaged or unreadable file is logged, renamed aside and the tracker starts"
                + " empty.")
        String path,
    @Doc(
            "Seconds between snapshots: a crash loses at most this much of the swarms' changes.")
        @Range(min = 1, max = 86_400)
        int snapshotInterval) {

  /** Off, with a five-minute interval once a path is set. */
  public static final PersistenceConfig DEFAULTS = new PersistenceConfig("", 300);

  /** Whether a snapshot path is set. */
  public boolean enabled() {
    return !path.isEmpty();
  }
}
