package org.aquaticjava.benchmarks.swarm;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.InfoHash;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded cost of one announce and one scrape on a realistic store: 100,000 torrents with
 * 1,000,000 IPv4 peers, Zipf s = 1.0 (see {@link ZipfPopulation}). Each announce re-announces a
 * peer drawn uniformly from all peers, so torrents are hit in proportion to their size, and asks
 * for 30 peers (numwant of aquatic's load test). Scrapes pick torrents uniformly. Run with {@code
 * -prof gc}: both should allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SwarmStoreBenchmark {
  private static final int OPS = 1 << 20;

  /** The shared store and a precomputed, seeded sequence of operations. */
  @State(Scope.Benchmark)
  public static class Population {
    @Param({"100000"})
    int torrents;

    @Param({"1000000"})
    int peers;

    ZipfPopulation population;
    SwarmStore store;
    final int[] announcePeer = new int[OPS];
    final int[] announceTorrent = new int[OPS];
    final int[] scrapeTorrent = new int[OPS];

    @Setup(Level.Trial)
    public void setUp() {
      population = new ZipfPopulation(torrents, peers, 1.0, 1);
      store = new SwarmStore(SwarmSettings.DEFAULTS, 1);
      population.populate(store, 0);
      final SplittableRandom random = new SplittableRandom(2);
      for (int i = 0; i < OPS; i++) {
        announcePeer[i] = random.nextInt(peers);
        announceTorrent[i] = population.torrentOf(announcePeer[i]);
        scrapeTorrent[i] = random.nextInt(torrents);
      }
    }
  }

  /** Per-thread reusable request and result objects. */
  @State(Scope.Thread)
  public static class Worker {
    final AnnounceSlot request = new AnnounceSlot(30);
    final InfoHash hash = new InfoHash();
    final ScrapeCounts counts = new ScrapeCounts();
    int cursor;
  }

  @Benchmark
  public int announce(Population p, Worker w) {
    final int op = w.cursor++ & (OPS - 1);
    p.population.fill(w.request, p.announceTorrent[op], p.announcePeer[op], 30);
    p.store.announce(w.request, 1);
    return w.request.peerCount + w.request.seeders;
  }

  @Benchmark
  public int scrape(Population p, Worker w) {
    final int t = p.scrapeTorrent[w.cursor++ & (OPS - 1)];
    w.hash.set(p.population.hashA[t], p.population.hashB[t], p.population.hashC[t]);
    p.store.scrape(w.hash, false, w.counts);
    return w.counts.seeders + w.counts.leechers;
  }
}
