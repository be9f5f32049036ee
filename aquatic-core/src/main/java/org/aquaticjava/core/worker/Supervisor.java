package org.aquaticjava.core.worker;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts named platform worker threads and turns any unexpected stop into a fatal exit: a worker
 * that throws, or returns while the supervisor is not closing, is logged as {@code "<worker>
 * stopped unexpectedly: <cause>"} and {@link FatalExit#exit} is called once. Fail-fast is
 * deliberate (aquatic 0.8+): a half-working tracker is worse than a restart by systemd.
 *
 * <p>Thread names are the role, or role plus a two-digit one-based index ({@link #workerName}):
 * {@code cleaning}, {@code swarm-01}. Other thread owners (Netty event loops) report their own
 * unexpected termination through {@link #fatal(String, Throwable)}.
 *
 * <p><b>Stop contract:</b> {@link #close()} interrupts every worker; a worker must return promptly
 * once its thread is interrupted (blocking calls throw {@link InterruptedException}, loops test
 * {@link Thread#isInterrupted()}).
 *
 * <p>Thread-safe: any thread may start workers, report failures and close.
 */
public final class Supervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
  private static final Duration CLOSE_JOIN_LIMIT = Duration.ofSeconds(5);

  private final FatalExit fatalExit;
  private final List<Thread> workers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failed = new AtomicBoolean();
  private volatile boolean closing;

  public Supervisor(FatalExit fatalExit) {
    this.fatalExit = fatalExit;
  }

  /** {@code role-NN} with a one-based two-digit index, e.g. {@code socket-01}. */
  public static String workerName(String role, int index) {
    return String.format(Locale.ROOT, "%s-%02d", role, index + 1);
  }

  /**
   * Starts {@code body} on a new non-daemon platform thread named {@code name}.
   *
   * @throws IllegalStateException if the supervisor is closing
   */
  public Thread start(String name, Runnable body) {
    if (closing) {
      throw new IllegalStateException("supervisor is closed; not starting " + name);
    }
    final Thread thread =
        Thread.ofPlatform().name(name).unstarted(() -> runSupervised(name, body));
    workers.add(thread);
    thread.start();
    return thread;
  }

  private void runSupervised(String name, Runnable body) {
    try {
      body.run();
      if (!closing) {
        fatal(name, new WorkerStoppedException("returned although nobody asked it to stop"));
      }
    } catch (Throwable t) { // every way out of a worker must reach the fatal path
      if (closing) {
        log.debug("{} threw while stopping", name, t);
      } else {
        fatal(name, t);
      }
    }
  }

  /**
   * Reports that a worker (thread, event loop, anything the process needs) stopped unexpectedly.
   * Ignored while closing; otherwise logs the failure and, for the first failure only, calls the
   * {@link FatalExit} on a new thread named {@code fatal-exit}.
   */
  public void fatal(String worker, Throwable cause) {
    if (closing) {
      log.debug("{} stopped during shutdown: {}", worker, cause.toString());
      return;
    }
    log.error("{} stopped unexpectedly: {}", worker, cause.toString(), cause);
    if (failed.compareAndSet(false, true)) {
      Thread.ofPlatform().name("fatal-exit").start(() -> fatalExit.exit(worker, cause));
    }
  }

  /** Whether a fatal failure has been reported. */
  public boolean hasFailed() {
    return failed.get();
  }

  /** Whether {@link #close()} has begun: termination events from now on are expected. */
  public boolean isClosing() {
    return closing;
  }

  /**
   * Waits until every worker started so far has terminated.
   *
   * @return true if all terminated within the timeout
   */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    final long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Thread worker : workers) {
      final long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || !worker.join(Duration.ofNanos(remaining))) {
        return !worker.isAlive();
      }
    }
    return true;
  }

  /**
   * Marks the supervisor closing, interrupts every worker and waits up to 5 s in total for them;
   * workers still running are logged by name. Never joins the calling thread itself. Idempotent.
   */
  @Override
  public void close() {
    closing = true;
    for (Thread worker : workers) {
      worker.interrupt();
    }
    final long deadline = System.nanoTime() + CLOSE_JOIN_LIMIT.toNanos();
    boolean interrupted = false;
    for (Thread worker : workers) {
      if (worker == Thread.currentThread()) {
        continue;
      }
      try {
        final long remaining = Math.max(1, deadline - System.nanoTime());
        if (!worker.join(Duration.ofNanos(remaining))) {
          log.warn("{} did not stop within {}", worker.getName(), CLOSE_JOIN_LIMIT);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
