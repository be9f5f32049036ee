package org.aquaticjava.udp;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aquaticjava.core.swarm.AnnounceRequest;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * The socket-worker end of the queue design: routes each announce to the swarm worker owning its
 * info hash and splits each scrape into one part per swarm worker involved; answers come back on
 * this socket worker's own MPSC queue and are written on its event loop, in batches.
 *
 * <p>At most {@code inFlight} jobs are out at once (a fixed pool); beyond that, and when a swarm
 * worker's queue is full, requests are dropped ({@link SwarmOutcome#QUEUE_FULL}). The return queue
 * holds the whole pool, so a swarm worker's return never fails.
 *
 * <p><b>Threads.</b> {@link #announce}, {@link #scrape} and {@link #run} (the drain) run on the
 * socket worker's event loop only. Swarm workers call {@link #returnJob} for each finished job and
 * then {@link #wake} once per batch; {@code wake} schedules the drain with one {@code
 * eventLoop.execute} unless a drain is already scheduled.
 */
final class QueuedSwarmGateway implements SwarmGateway, Runnable {
  private static final int DRAIN_LIMIT = 512;

  private final SwarmWorker[] workers;
  private final EventLoop loop;
  private final MpscAtomicArrayQueue<SwarmJob> returned;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final FreeList<SwarmJob> jobs;
  private final FreeList<ScrapeAssembly> assemblies;
  private final SwarmJob[] parts;
  private final ReplyTarget[] unflushed = new ReplyTarget[2];
  private int unflushedCount;

  QueuedSwarmGateway(
      SwarmWorker[] workers,
      EventLoop loop,
      int inFlight,
      int maxResponsePeers,
      int maxScrapeTorrents) {
    this.workers = workers;
    this.loop = loop;
    this.returned = new MpscAtomicArrayQueue<>(inFlight);
    this.jobs = new FreeList<>(inFlight, () -> new SwarmJob(this, maxResponsePeers, maxScrapeTorrents));
    this.assemblies = new FreeList<>(inFlight, () -> new ScrapeAssembly(maxScrapeTorrents));
    this.parts = new SwarmJob[workers.length];
  }

  /**
   * The swarm worker owning an info hash: the top 32 bits of its first 8 bytes, scaled to the
   * worker count. Info hashes are SHA-1 or SHA-256 outputs, so the bits are already uniform.
   */
  static int workerOf(long infoHashA, int workers) {
    return (int) (((infoHashA >>> 32) * workers) >>> 32);
  }

  @Override
  public SwarmOutcome announce(
      AnnounceRequest announce,
      int now,
      int transactionId,
      InetSocketAddress recipient,
      ReplyTarget replies) {
    final SwarmJob job = jobs.take();
    if (job == null) {
      return SwarmOutcome.QUEUE_FULL;
    }
    job.isAnnounce = true;
    job.failed = false;
    job.transactionId = transactionId;
    job.recipient = recipient;
    job.replies = replies;
    copyRequest(announce, job.announce);
    if (!workers[workerOf(announce.infoHash.a, workers.length)].submit(job)) {
      recycle(job);
      return SwarmOutcome.QUEUE_FULL;
    }
    return SwarmOutcome.DEFERRED;
  }

  private static void copyRequest(AnnounceRequest from, AnnounceRequest to) {
    to.infoHash.set(from.infoHash.a, from.infoHash.b, from.infoHash.c);
    to.ipv6 = from.ipv6;
    to.ipv4 = from.ipv4;
    to.ipv6High = from.ipv6High;
    to.ipv6Low = from.ipv6Low;
    to.port = from.port;
    to.seeder = from.seeder;
    to.stopped = from.stopped;
    to.completed = from.completed;
    to.peersWanted = from.peersWanted;
  }

  @Override
  public SwarmOutcome scrape(
      UdpRequest request,
      boolean ipv6,
      ScrapeResults results,
      InetSocketAddress recipient,
      ReplyTarget replies) {
    final ScrapeAssembly assembly = assemblies.take();
    if (assembly == null) {
      return SwarmOutcome.QUEUE_FULL;
    }
    final int count = request.scrapeHashCount();
    for (int i = 0; i < count; i++) {
      final long a = request.scrapeInfoHashA(i);
      final int w = workerOf(a, workers.length);
      SwarmJob part = parts[w];
      if (part == null) {
        part = jobs.take();
        if (part == null) {
          releaseParts();
          assemblies.give(assembly);
          return SwarmOutcome.QUEUE_FULL;
        }
        startPart(part, assembly, ipv6);
        parts[w] = part;
      }
      part.addHash(a, request.scrapeInfoHashB(i), request.scrapeInfoHashC(i), i);
    }
    assembly.transactionId = request.transactionId();
    assembly.recipient = recipient;
    assembly.replies = replies;
    assembly.results.count = count;
    assembly.abandoned = false;
    assembly.outstanding = 0;
    for (int w = 0; w < parts.length; w++) {
      final SwarmJob part = parts[w];
      if (part == null) {
        continue;
      }
      parts[w] = null;
      if (workers[w].submit(part)) {
        assembly.outstanding++;
      } else {
        recycle(part);
        assembly.abandoned = true; // parts already out come back and are recycled unanswered
      }
    }
    if (assembly.outstanding == 0) {
      release(assembly); // count == 0 cannot happen: the parser rejects scrapes without hashes
      return SwarmOutcome.QUEUE_FULL;
    }
    return assembly.abandoned ? SwarmOutcome.QUEUE_FULL : SwarmOutcome.DEFERRED;
  }

  private static void startPart(SwarmJob part, ScrapeAssembly assembly, boolean ipv6) {
    part.isAnnounce = false;
    part.failed = false;
    part.assembly = assembly;
    part.scrapeIpv6 = ipv6;
    part.hashCount = 0;
  }

  private void releaseParts() {
    for (int w = 0; w < parts.length; w++) {
      if (parts[w] != null) {
        recycle(parts[w]);
        parts[w] = null;
      }
    }
  }

  /** A swarm worker hands a finished job back; never fails (the queue holds the whole pool). */
  void returnJob(SwarmJob job) {
    returned.offer(job);
  }

  /** Schedules the drain on the event loop unless it is already scheduled; any thread. */
  void wake() {
    if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException e) {
        // The event loop is shutting down: there is no socket left to answer on.
      }
    }
  }

  /** The drain: writes the answers of returned jobs, then flushes each socket written to. */
  @Override
  public void run() {
    // Cleared before polling: a job returned after our last poll finds the flag clear and
    // schedules another drain.
    drainScheduled.set(false);
    int drained = 0;
    SwarmJob job;
    while (drained < DRAIN_LIMIT && (job = returned.relaxedPoll()) != null) {
      complete(job);
      drained++;
    }
    for (int i = 0; i < unflushedCount; i++) {
      unflushed[i].flushReplies();
      unflushed[i] = null;
    }
    unflushedCount = 0;
    if (drained == DRAIN_LIMIT) {
      wake(); // more may be waiting: yield to socket reads, then continue
    }
  }

  private void complete(SwarmJob job) {
    if (job.isAnnounce) {
      if (!job.failed) {
        job.replies.replyAnnounce(job.transactionId, job.recipient, job.announce);
        written(job.replies);
      }
      recycle(job);
      return;
    }
    final ScrapeAssembly assembly = job.assembly;
    if (job.failed) {
      assembly.abandoned = true;
    } else {
      for (int i = 0; i < job.hashCount; i++) {
        assembly.results.set(job.position[i], job.seeders[i], job.completed[i], job.leechers[i]);
      }
    }
    recycle(job);
    if (--assembly.outstanding == 0) {
      if (!assembly.abandoned) {
        assembly.replies.replyScrape(assembly.transactionId, assembly.recipient, assembly.results);
        written(assembly.replies);
      }
      release(assembly);
    }
  }

  private void written(ReplyTarget target) {
    for (int i = 0; i < unflushedCount; i++) {
      if (unflushed[i] == target) {
        return;
      }
    }
    if (unflushedCount == unflushed.length) {
      unflushed[0].flushReplies(); // more sockets than expected on one loop: flush one early
      unflushed[0] = target;
      return;
    }
    unflushed[unflushedCount++] = target;
  }

  private void recycle(SwarmJob job) {
    job.recipient = null;
    job.replies = null;
    job.assembly = null;
    jobs.give(job);
  }

  private void release(ScrapeAssembly assembly) {
    assembly.recipient = null;
    assembly.replies = null;
    assemblies.give(assembly);
  }
}
