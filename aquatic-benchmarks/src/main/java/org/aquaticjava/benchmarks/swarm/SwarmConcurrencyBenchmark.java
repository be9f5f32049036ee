package org.aquaticjava.benchmarks.swarm;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmShard;
import org.aquaticjava.core.swarm.SwarmStore;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Announce throughput of two ways to share the swarm state, on the population of {@link
 * SwarmStoreBenchmark} (100,000 torrents, 1,000,000 peers, Zipf s = 1.0), in batches of {@value
 * #BATCH} announces as a socket worker would handle one receive burst:
 *
 * <ul>
 *   <li>{@code lockedStore}: every benchmark thread (socket worker) calls {@link
 *       SwarmStore#announce}, which locks one shard per call (aquatic 0.9's design);
 *   <li>{@code queueHandOff}: every benchmark thread (socket worker) pushes its batch into a JCTools
 *       {@link MpscAtomicArrayQueue} drained by one swarm-worker thread that owns all {@link
 *       SwarmShard}s without locks, and waits for the batch to come back on its own {@link
 *       SpscAtomicArrayQueue} (aquatic's pre-0.9 design). The swarm worker is an extra thread
 *       that spins while idle, so with {@code -t 1} this design uses two busy threads, like {@code
 *       lockedStore} with {@code -t 2}.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(2)
public class SwarmConcurrencyBenchmark {
  static final int BATCH = 32;
  private static final int OPS = 1 << 20;
  private static final int QUEUE_CAPACITY = 1024;

  /** The population and a seeded operation sequence, shared by both designs. */
  @State(Scope.Benchmark)
  public static class Population {
    ZipfPopulation population;
    final int[] peer = new int[OPS];
    final int[] torrent = new int[OPS];

    @Setup(Level.Trial)
    public void setUp() {
      population = new ZipfPopulation(100_000, 1_000_000, 1.0, 1);
      final SplittableRandom random = new SplittableRandom(2);
      for (int i = 0; i < OPS; i++) {
        peer[i] = random.nextInt(population.peers);
        torrent[i] = population.torrentOf(peer[i]);
      }
    }
  }

  /** Design (a): the lock-per-shard store. */
  @State(Scope.Benchmark)
  public static class Locked {
    SwarmStore store;

    @Setup(Level.Trial)
    public void setUp(Population p) {
      store = new SwarmStore(SwarmSettings.DEFAULTS, 1);
      p.population.populate(store, 0);
    }
  }

  /** Design (b): one swarm worker owning every shard, fed through an MPSC queue. */
  @State(Scope.Benchmark)
  public static class HandOff {
    final MpscAtomicArrayQueue<Envelope> requests = new MpscAtomicArrayQueue<>(QUEUE_CAPACITY);
    SwarmShard[] shards;
    SwarmStore router;
    Thread worker;
    volatile boolean running;

    @Setup(Level.Trial)
    public void setUp(Population p) {
      // The router store is used only for its shardOf(); the worker owns its own shards.
      router = new SwarmStore(SwarmSettings.DEFAULTS, 1);
      shards = new SwarmShard[SwarmSettings.DEFAULTS.shardCount()];
      for (int i = 0; i < shards.length; i++) {
        shards[i] = new SwarmShard(SwarmSettings.DEFAULTS, 1, i);
      }
      final AnnounceSlot req = new AnnounceSlot(0);
      for (int t = 0; t < p.population.torrents; t++) {
        for (int peer = p.population.firstPeer[t]; peer < p.population.firstPeer[t + 1]; peer++) {
          p.population.fill(req, t, peer, 0);
          shards[router.shardOf(req.infoHash)].announce(req, 0);
        }
      }
      running = true;
      worker = new Thread(this::run, "swarm-01");
      worker.setDaemon(true);
      worker.start();
    }

    private void run() {
      while (running) {
        final Envelope e = requests.relaxedPoll();
        if (e == null) {
          Thread.onSpinWait();
          continue;
        }
        shards[router.shardOf(e.request.infoHash)].announce(e.request, 1);
        e.replyTo.offer(e);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      running = false;
      worker.join();
    }
  }

  /** A pooled request travelling to the swarm worker and back. */
  static final class Envelope {
    final AnnounceSlot request = new AnnounceSlot(30);
    final SpscAtomicArrayQueue<Envelope> replyTo;

    Envelope(SpscAtomicArrayQueue<Envelope> replyTo) {
      this.replyTo = replyTo;
    }
  }

  /** One socket worker's reusable requests and its reply queue. */
  @State(Scope.Thread)
  public static class SocketWorkerState {
    final SpscAtomicArrayQueue<Envelope> replies = new SpscAtomicArrayQueue<>(2 * BATCH);
    final Envelope[] envelopes = new Envelope[BATCH];
    final AnnounceSlot request = new AnnounceSlot(30);
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
      for (int i = 0; i < BATCH; i++) {
        envelopes[i] = new Envelope(replies);
      }
      cursor = (int) Thread.currentThread().threadId() * 7919;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int lockedStore(Population p, Locked locked, SocketWorkerState s) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      final int op = s.cursor++ & (OPS - 1);
      p.population.fill(s.request, p.torrent[op], p.peer[op], 30);
      locked.store.announce(s.request, 1);
      sum += s.request.peerCount;
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int queueHandOff(Population p, HandOff handOff, SocketWorkerState s) {
    for (int i = 0; i < BATCH; i++) {
      final int op = s.cursor++ & (OPS - 1);
      final Envelope e = s.envelopes[i];
      p.population.fill(e.request, p.torrent[op], p.peer[op], 30);
      while (!handOff.requests.offer(e)) {
        Thread.onSpinWait();
      }
    }
    int sum = 0;
    for (int received = 0; received < BATCH; ) {
      final Envelope e = s.replies.relaxedPoll();
      if (e == null) {
        Thread.onSpinWait();
      } else {
        sum += e.request.peerCount;
        received++;
      }
    }
    return sum;
  }
}
