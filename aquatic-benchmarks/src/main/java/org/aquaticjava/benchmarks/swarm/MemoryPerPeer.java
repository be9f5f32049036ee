package org.aquaticjava.benchmarks.swarm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import org.aquaticjava.core.swarm.CleaningReport;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;

/**
 * Measures the live heap of a {@link SwarmStore} holding a Zipf population (default 1,000,000
 * torrents, 10,000,000 IPv4 peers, s = 1.0, seed 1), after full GCs, before and after one
 * cleaning (which shrinks arrays). The population's own description arrays are built before the
 * baseline, so they are not counted.
 *
 * <pre>
 * java -Xmx4g [-XX:+UseCompactObjectHeaders] -cp aquatic-benchmarks/target/benchmarks.jar \
 *     org.aquaticjava.benchmarks.swarm.MemoryPerPeer [torrents] [peers] [exponent] [shards]
 * </pre>
 */
public final class MemoryPerPeer {
  private MemoryPerPeer() {}

  public static void main(String[] args) throws InterruptedException {
    final int torrents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    final int peers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    final double exponent = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
    final int shards = args.length > 3 ? Integer.parseInt(args[3]) : SwarmSettings.DEFAULTS.shardCount();

    final ZipfPopulation population = new ZipfPopulation(torrents, peers, exponent, 1);
    System.out.printf(
        "population: %,d torrents, %,d peers, Zipf s=%.2f, largest swarm %,d, shards %d%n",
        torrents, peers, exponent, population.swarmSize(0), shards);
    final long baseline = liveHeap();
    final SwarmStore store =
        new SwarmStore(new SwarmSettings(shards, 1_200, 120), 1);
    population.populate(store, 0);
    final long built = liveHeap() - baseline;
    print("after populating", built, torrents, peers);
    final CleaningReport report = store.clean(1, InfoHashFilter.ALLOW_ALL);
    final long cleaned = liveHeap() - baseline;
    print("after cleaning", cleaned, torrents, peers);
    System.out.printf(
        "store holds %,d torrents, %,d peers; peers per torrent %s%n",
        report.ipv4().torrents(), report.ipv4().peers(), report.ipv4().peersPerTorrent());
    Reference.reachabilityFence(store);
    Reference.reachabilityFence(population);
  }

  private static void print(String when, long bytes, int torrents, int peers) {
    System.out.printf(
        "%s: %,d bytes live = %.2f bytes/peer (%.1f bytes/torrent)%n",
        when, bytes, (double) bytes / peers, (double) bytes / torrents);
  }

  private static long liveHeap() throws InterruptedException {
    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
