package org.aquaticjava.netty;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.util.List;
import java.util.function.LongSupplier;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.worker.Periodic;

/**
 * Requests and responses per second over the last minute, by protocol, for the stats page: a ring
 * of samples of the counters {@code aquatic_requests_total} and {@code aquatic_responses_total}
 * (summed over their other labels): the first when it is made, so the window starts before the
 * stats page is served and no request made after that is missed however late its worker's thread
 * gets to run; then once a second by that worker ({@link #run}), never by a request. A rate is the difference between the newest sample and the oldest one at most {@link
 * #WINDOW_SECONDS} older, divided by the time between them; until two samples exist it is 0.
 *
 * <p>Memory is fixed: {@value #SLOTS} samples of {@link #PROTOCOLS} counters. Thread-safe: one
 * sampler writes, any thread reads; both hold the instance's lock for a few array copies.
 */
final class RequestRates implements Runnable {
  /** The protocols, in the order of the arrays. */
  static final List<String> PROTOCOLS = List.of("udp", "http", "ws");

  static final int WINDOW_SECONDS = 60;
  private static final long SAMPLE_MILLIS = 1000;
  /** One sample per second over the window, plus the one the window starts at. */
  private static final int SLOTS = WINDOW_SECONDS + 1;

  private final Counter requests;
  private final Counter responses;
  private final LongSupplier nanoTime;
  private final long[] times = new long[SLOTS];
  private final double[][] requestTotals = new double[SLOTS][PROTOCOLS.size()];
  private final double[][] responseTotals = new double[SLOTS][PROTOCOLS.size()];
  /** Samples taken so far, capped at {@link #SLOTS}; the newest is at {@code (next - 1) % SLOTS}. */
  private int filled;
  private int next;

  RequestRates(TrackerMetrics metrics) {
    this(metrics, System::nanoTime);
  }

  RequestRates(TrackerMetrics metrics, LongSupplier nanoTime) {
    this.requests = metrics.requests();
    this.responses = metrics.responses();
    this.nanoTime = nanoTime;
    sample();
  }

  /** What the page shows: per-second rates over {@code windowSeconds}, and totals since start. */
  record Rates(
      double windowSeconds,
      double[] requestsPerSecond,
      double[] responsesPerSecond,
      double[] requestsTotal,
      double[] responsesTotal) {}

  /** Takes one sample every second until interrupted (the supervisor's stop contract). */
  @Override
  public void run() {
    Periodic.every(SAMPLE_MILLIS, this::sample);
  }

  /** Takes one sample now. */
  void sample() {
    final double[] req = new double[PROTOCOLS.size()];
    final double[] resp = new double[PROTOCOLS.size()];
    sum(requests.collect(), req);
    sum(responses.collect(), resp);
    final long now = nanoTime.getAsLong();
    synchronized (this) {
      times[next] = now;
      requestTotals[next] = req;
      responseTotals[next] = resp;
      next = (next + 1) % SLOTS;
      filled = Math.min(filled + 1, SLOTS);
    }
  }

  private static void sum(CounterSnapshot snapshot, double[] out) {
    for (CounterSnapshot.CounterDataPointSnapshot point : snapshot.getDataPoints()) {
      final int index = PROTOCOLS.indexOf(point.getLabels().get(TrackerMetrics.PROTOCOL));
      if (index >= 0) {
        out[index] += point.getValue();
      }
    }
  }

  /** The rates between the oldest and the newest sample, and the newest totals. */
  synchronized Rates rates() {
    final int n = PROTOCOLS.size();
    if (filled == 0) {
      return new Rates(0, new double[n], new double[n], new double[n], new double[n]);
    }
    final int newest = (next - 1 + SLOTS) % SLOTS;
    final int oldest = (next - filled + SLOTS) % SLOTS;
    final double seconds = (times[newest] - times[oldest]) / 1e9;
    final double[] requestRates = new double[n];
    final double[] responseRates = new double[n];
    if (seconds > 0) {
      for (int i = 0; i < n; i++) {
        requestRates[i] = (requestTotals[newest][i] - requestTotals[oldest][i]) / seconds;
        responseRates[i] = (responseTotals[newest][i] - responseTotals[oldest][i]) / seconds;
      }
    }
    return new Rates(
        seconds,
        requestRates,
        responseRates,
        requestTotals[newest].clone(),
        responseTotals[newest].clone());
  }
}
