package org.aquaticjava.ws;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counts of peers, seeders and torrents per address family over all shards, kept up to date on every
 * change (not only at cleaning), so {@code aquatic_peers} and {@code aquatic_torrents} drop the
 * moment a connection closes. Thread-safe; updates from different shards rarely contend.
 */
final class SwarmTotals {
  private final LongAdder peers4 = new LongAdder();
  private final LongAdder peers6 = new LongAdder();
  private final LongAdder torrents4 = new LongAdder();
  private final LongAdder torrents6 = new LongAdder();
  private final LongAdder seeders4 = new LongAdder();
  private final LongAdder seeders6 = new LongAdder();

  LongAdder peers(boolean v6) {
    return v6 ? peers6 : peers4;
  }

  LongAdder torrents(boolean v6) {
    return v6 ? torrents6 : torrents4;
  }

  /** Of the peers, the seeders. */
  LongAdder seeders(boolean v6) {
    return v6 ? seeders6 : seeders4;
  }
}
