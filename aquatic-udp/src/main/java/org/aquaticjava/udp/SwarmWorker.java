package org.aquaticjava.udp;

import java.util.concurrent.locks.LockSupport;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.swarm.CleaningAccumulator;
import org.aquaticjava.core.swarm.InfoHash;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmShard;
import org.aquaticjava.core.time.ServerClock;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * A swarm worker of the queue design (aquatic before 0.9): owns one {@link SwarmShard}, the
 * torrents whose info hashes {@link QueuedSwarmGateway} routes to it, and uses it without locks.
 * Socket workers {@link #submit} jobs into its bounded MPSC queue; it applies them in batches of
 * up to {@value #DRAIN_LIMIT}, returns each to its socket worker's queue and wakes each socket
 * worker it answered once per batch. It also cleans its shard every cleaning interval.
 *
 * <p>Idling never busy-spins (2-core machines): after an empty cycle it spins briefly, then yields,
 * then parks until a {@link #submit} unparks it or {@value #PARK_NANOS} ns pass (to clean and to
 * notice interruption).
 *
 * <p>{@link #run} runs on one thread until it is interrupted; {@link #submit} may be called from
 * any thread.
 */
final class SwarmWorker implements Runnable {
  private static final int DRAIN_LIMIT = 256;
  private static final int SPIN_ROUNDS = 20;
  private static final int YIELD_ROUNDS = 50;
  private static final long PARK_NANOS = 50_000_000L;

  private final MpscAtomicArrayQueue<SwarmJob> requests;
  private final SwarmShard shard;
  private final ServerClock clock;
  private final AccessListHolder accessList;
  private final int cleaningIntervalSeconds;
  private final DropLog errors;
  private final InfoHash hash = new InfoHash();
  private final ScrapeCounts counts = new ScrapeCounts();
  private final QueuedSwarmGateway[] answered;
  private int answeredCount;
  private int idleRounds;
  private int nextCleaningAt;
  private volatile Thread thread;
  private volatile boolean parked;

  SwarmWorker(
      int queueCapacity,
      SwarmShard shard,
      ServerClock clock,
      AccessListHolder accessList,
      int cleaningIntervalSeconds,
      int socketWorkers,
      String name) {
    this.requests = new MpscAtomicArrayQueue<>(queueCapacity);
    this.shard = shard;
    this.clock = clock;
    this.accessList = accessList;
    this.cleaningIntervalSeconds = cleaningIntervalSeconds;
    this.answered = new QueuedSwarmGateway[socketWorkers];
    this.errors = new DropLog(name);
    this.nextCleaningAt = clock.secondsSinceStart() + cleaningIntervalSeconds;
  }

  /**
   * Queues a job; any thread.
   *
   * @return false if the queue is full (the job stays with the caller)
   */
  boolean submit(SwarmJob job) {
    if (!requests.offer(job)) {
      return false;
    }
    // The offer's CAS and this volatile read pair with the worker's write of parked and its
    // re-check of the queue, so a job is never left waiting for the park timeout.
    if (parked) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    while (!Thread.currentThread().isInterrupted()) {
      if (doWork() > 0) {
        idleRounds = 0;
      } else {
        idle();
      }
    }
  }

  /**
   * One duty cycle: applies up to {@value #DRAIN_LIMIT} jobs, wakes their socket workers once,
   * cleans the shard if due.
   *
   * @return the work done; 0 lets the worker idle
   */
  int doWork() {
    final int now = clock.secondsSinceStart();
    int work = 0;
    SwarmJob job;
    while (work < DRAIN_LIMIT && (job = requests.relaxedPoll()) != null) {
      try {
        apply(job, now);
      } catch (RuntimeException e) {
        job.failed = true; // one bad job must not stop the worker; logged once per window
        errors.internalError(e);
      }
      job.owner.returnJob(job);
      remember(job.owner);
      work++;
    }
    for (int i = 0; i < answeredCount; i++) {
      answered[i].wake();
      answered[i] = null;
    }
    answeredCount = 0;
    if (now >= nextCleaningAt) {
      shard.clean(now, accessList.current(), new CleaningAccumulator());
      nextCleaningAt = now + cleaningIntervalSeconds;
      work++;
    }
    return work;
  }

  private void apply(SwarmJob job, int now) {
    if (job.isAnnounce) {
      shard.announce(job.announce, now);
      return;
    }
    for (int i = 0; i < job.hashCount; i++) {
      shard.scrape(hash.set(job.hashA[i], job.hashB[i], job.hashC[i]), job.scrapeIpv6, counts);
      job.seeders[i] = counts.seeders;
      job.completed[i] = counts.completed;
      job.leechers[i] = counts.leechers;
    }
  }

  private void remember(QueuedSwarmGateway gateway) {
    for (int i = 0; i < answeredCount; i++) {
      if (answered[i] == gateway) {
        return;
      }
    }
    answered[answeredCount++] = gateway;
  }

  private void idle() {
    final int round = ++idleRounds;
    if (round <= SPIN_ROUNDS) {
      Thread.onSpinWait();
    } else if (round <= SPIN_ROUNDS + YIELD_ROUNDS) {
      Thread.yield();
    } else {
      parked = true;
      if (requests.isEmpty()) {
        LockSupport.parkNanos(this, PARK_NANOS);
      }
      parked = false;
    }
  }
}
