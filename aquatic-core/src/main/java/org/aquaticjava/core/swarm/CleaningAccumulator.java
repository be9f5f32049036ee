package org.aquaticjava.core.swarm;

import org.HdrHistogram.IntCountsHistogram;

/**
 * Collects statistics while shards are cleaned one after another, so that the numbers cost no
 * extra pass. Pass one instance to {@link SwarmShard#clean} for every shard (or {@link #add} the
 * accumulators of several cleaning threads), then read {@link #report()}. Single-threaded.
 */
public final class CleaningAccumulator {
  final Family ipv4 = new Family();
  final Family ipv6 = new Family();

  /** Adds everything {@code other} has collected. */
  public void add(CleaningAccumulator other) {
    ipv4.add(other.ipv4);
    ipv6.add(other.ipv6);
  }

  /** The report over everything collected so far. */
  public CleaningReport report() {
    return new CleaningReport(
        ipv4.statistics(),
        ipv6.statistics(),
        ipv4.peersRemoved + ipv6.peersRemoved,
        ipv4.torrentsRemoved + ipv6.torrentsRemoved);
  }

  /** Tallies of one address family. */
  static final class Family {
    /** Peers per torrent, exact below 256 and within 1% above (two significant digits). */
    private final IntCountsHistogram histogram = new IntCountsHistogram(2);
    private final BusiestTorrents busiest = new BusiestTorrents();
    private long torrents;
    private long peers;
    private long seeders;
    private long peersRemoved;
    private long torrentsRemoved;

    void torrent(long a, long b, int c, int peerCount, int seederCount) {
      histogram.recordValue(peerCount);
      busiest.offer(a, b, c, peerCount, seederCount);
      torrents++;
      peers += peerCount;
      seeders += seederCount;
    }

    void peersRemoved(int count) {
      peersRemoved += count;
    }

    void torrentRemoved() {
      torrentsRemoved++;
    }

    private void add(Family other) {
      histogram.add(other.histogram);
      busiest.addAll(other.busiest);
      torrents += other.torrents;
      peers += other.peers;
      seeders += other.seeders;
      peersRemoved += other.peersRemoved;
      torrentsRemoved += other.torrentsRemoved;
    }

    private SwarmStatistics statistics() {
      return new SwarmStatistics(
          torrents, peers, seeders, PeersPerTorrent.of(histogram), busiest.sorted());
    }
  }
}
