package org.aquaticjava.core.persist;

import java.io.IOException;

/** What a tracker's snapshots hold: their META facts and their torrent records. */
public interface SnapshotContent {
  /** The META facts of a snapshot beginning at {@code wallMillis} (read the clock now). */
  SnapshotMeta meta(long wallMillis);

  /** Writes every torrent record, between the writer's begin and finish. */
  void writeRecords(SnapshotWriter out) throws IOException;
}
