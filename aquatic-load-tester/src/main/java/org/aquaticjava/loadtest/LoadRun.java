package org.aquaticjava.loadtest;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs a set of {@link LoadWorker}s for the configured duration on their own platform threads,
 * prints a progress line every {@code progress_interval} seconds, stops the workers and collects a
 * {@link LoadTestResult}. Protocol-independent: the protocol supplies the workers and the names of
 * its response types.
 *
 * <p>{@link #run} blocks the calling thread for the duration of the run plus at most one request
 * timeout. A worker that dies with an exception stops the whole run with {@link
 * IllegalStateException}.
 */
public final class LoadRun {
  /** Extra time on top of the request timeout a stopping worker gets before the run fails. */
  private static final long STOP_GRACE_MILLIS = 5_000;

  private final String protocol;
  private final List<String> responseTypes;
  private final LoadConfig load;
  private final PrintWriter progress;

  /**
   * @param protocol short protocol name for thread names and the report ({@code udp})
   * @param responseTypes names of the protocol's response types, in counter index order
   * @param load duration, rate, timeout and progress interval
   * @param progress where progress lines go
   */
  public LoadRun(String protocol, List<String> responseTypes, LoadConfig load, PrintWriter progress) {
    this.protocol = protocol;
    this.responseTypes = List.copyOf(responseTypes);
    this.load = load;
    this.progress = progress;
  }

  /** Runs {@code workers} to completion and returns the combined result. */
  public LoadTestResult run(List<? extends LoadWorker> workers) throws InterruptedException {
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Thread[] threads = new Thread[workers.size()];
    for (int i = 0; i < threads.length; i++) {
      threads[i] =
          Thread.ofPlatform()
              .name(String.format(Locale.ROOT, "loadtest-%s-%02d", protocol, i + 1))
              .uncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e))
              .unstarted(workers.get(i));
    }
    final Histogram latencies = LatencyRecorder.newHistogram();
    final Histogram intervalLatencies = LatencyRecorder.newHistogram();
    final long start = System.nanoTime();
    for (final Thread thread : threads) {
      thread.start();
    }
    final long end = start + TimeUnit.SECONDS.toNanos(load.duration());
    final long progressStep = TimeUnit.SECONDS.toNanos(load.progressInterval());
    Outcomes previous = new Outcomes(responseTypes.size());
    long previousAt = start;
    long nextProgress = start + progressStep;
    long now = start;
    while (now < end && failure.get() == null) {
      TimeUnit.NANOSECONDS.sleep(Math.min(Math.min(end, nextProgress) - now, 100_000_000L));
      now = System.nanoTime();
      if (now >= nextProgress && now < end) {
        final Outcomes current = sum(workers);
        intervalLatencies.reset();
        for (final LoadWorker worker : workers) {
          worker.latencies().drainInto(intervalLatencies);
        }
        latencies.add(intervalLatencies);
        printProgress(now - start, current, previous, now - previousAt, intervalLatencies);
        previous = current;
        previousAt = now;
        nextProgress += progressStep;
      }
    }
    final long stoppedSending = System.nanoTime();
    for (final LoadWorker worker : workers) {
      worker.stop();
    }
    final long joinDeadline =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(load.requestTimeoutMs() + STOP_GRACE_MILLIS);
    for (final Thread thread : threads) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
      if (thread.isAlive()) {
        failure.compareAndSet(null, new IllegalStateException(thread.getName() + " did not stop"));
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("load test worker failed: " + failure.get(), failure.get());
    }
    for (final LoadWorker worker : workers) {
      worker.latencies().drainInto(latencies);
    }
    return result(workers, (stoppedSending - start) / 1e9, latencies);
  }

  private Outcomes sum(List<? extends LoadWorker> workers) {
    final Outcomes total = new Outcomes(responseTypes.size());
    for (final LoadWorker worker : workers) {
      worker.counters().addTo(total);
    }
    return total;
  }

  private void printProgress(
      long elapsedNanos, Outcomes current, Outcomes previous, long intervalNanos, Histogram latency) {
    final double seconds = intervalNanos / 1e9;
    final StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "[%6.1fs] sent/s=%.0f responses/s=%.0f",
        elapsedNanos / 1e9,
        (current.sent() - previous.sent()) / seconds,
        (current.allResponses() - previous.allResponses()) / seconds));
    for (int i = 0; i < responseTypes.size(); i++) {
      line.append(String.format(Locale.ROOT, " %s/s=%.0f", responseTypes.get(i),
          (current.responses(i) - previous.responses(i)) / seconds));
    }
    line.append(String.format(Locale.ROOT, " errors/s=%.0f lost=%d malformed=%d p99_us=%d",
        (current.errors() - previous.errors()) / seconds,
        current.lost(),
        current.malformed(),
        latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99) / 1000));
    progress.println(line);
  }

  private LoadTestResult result(
      List<? extends LoadWorker> workers, double durationSeconds, Histogram latencies) {
    final Outcomes total = sum(workers);
    final Map<String, Long> byType = new LinkedHashMap<>();
    for (int i = 0; i < responseTypes.size(); i++) {
      byType.put(responseTypes.get(i), total.responses(i));
    }
    final Map<String, Long> errorMessages = new LinkedHashMap<>();
    for (final LoadWorker worker : workers) {
      worker.errorMessages().addTo(errorMessages);
    }
    return new LoadTestResult(
        protocol,
        durationSeconds,
        load.rate(),
        total.sent(),
        responseTypes,
        byType,
        total.errors(),
        errorMessages,
        total.lost(),
        total.malformed(),
        total.late(),
        latencies);
  }
}
