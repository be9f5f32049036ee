package org.aquaticjava.core.limit;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.aquaticjava.core.metrics.TrackerMetrics;

/**
 * The per-source limit counters, the same for every protocol: {@code
 * aquatic_source_limits_hit_total{limit, worker_index}} (every refused request, by {@link
 * LimitHit}) and {@code aquatic_source_bans_total{worker_index}} (bans started). Data points are
 * resolved once per socket worker; increments are thread-safe.
 */
public final class SourceLimitMetrics {
  private final Counter hits;
  private final Counter bans;

  /** Registers the counters in {@code registry}; once per registry. */
  public SourceLimitMetrics(PrometheusRegistry registry) {
    hits =
        TrackerMetrics.hotPathCounter(
            registry,
            "aquatic_source_limits_hit_total",
            "Requests refused by a per-source limit ([rate_limit]), by limit",
            "limit",
            "worker_index");
    bans =
        TrackerMetrics.hotPathCounter(
            registry,
            "aquatic_source_bans_total",
            "Sources banned for sending too many invalid requests",
            "worker_index");
  }

  /** The data points of one socket worker. */
  public Worker forWorker(int workerIndex) {
    return new Worker(Integer.toString(workerIndex));
  }

  /** Data points of one socket worker. */
  public final class Worker {
    private final CounterDataPoint[] hitsByLimit = new CounterDataPoint[LimitHit.values().length];
    private final CounterDataPoint bansStarted;

    private Worker(String index) {
      for (LimitHit hit : LimitHit.values()) {
        hitsByLimit[hit.ordinal()] = hits.labelValues(hit.label(), index);
      }
      bansStarted = bans.labelValues(index);
    }

    void hit(LimitHit hit) {
      hitsByLimit[hit.ordinal()].inc();
    }

    void banStarted() {
      bansStarted.inc();
    }
  }
}
