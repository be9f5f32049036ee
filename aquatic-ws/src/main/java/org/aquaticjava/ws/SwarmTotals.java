package org.aquaticjava.ws;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.aquaticjava.core.swarm.BusyTorrent;

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
  private volatile List<BusyTorrent> busiest4 = List.of();
  private volatile List<BusyTorrent> busiest6 = List.of();

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

  /** The torrents with the most peers as of the latest cleaning, most first. */
  List<BusyTorrent> busiest(boolean v6) {
    return v6 ? busiest6 : busiest4;
  }

  /** Publishes what a cleaning pass collected. */
  void busiest(List<BusyTorrent> ipv4, List<BusyTorrent> ipv6) {
    busiest4 = ipv4;
    busiest6 = ipv6;
  }
}
