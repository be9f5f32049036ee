package org.aquaticjava.core.limit;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import org.aquaticjava.core.metrics.TrackerMetrics;

/**
 * The per-source limit counters of one protocol: {@code aquatic_source_limits_hit_total{protocol,
 * limit, worker_index}} (every refused request, by {@link LimitHit}) and {@code
 * aquatic_source_bans_total{protocol, worker_index}} (bans started). Data points are resolved once
 * per socket worker; increments are thread-safe.
 */
public final class SourceLimitMetrics {
  private final Counter hits;
  private final Counter bans;
  private final String protocol;

  /**
   * The counters of {@code protocol} (udp, http or ws): shared families of {@code metrics}'
   * registry, registered by the first tracker that asks.
   */
  public SourceLimitMetrics(TrackerMetrics metrics, String protocol) {
    this.hits = metrics.sourceLimitHits();
    this.bans = metrics.sourceBans();
    this.protocol = protocol;
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
        hitsByLimit[hit.ordinal()] = hits.labelValues(protocol, hit.label(), index);
      }
      bansStarted = bans.labelValues(protocol, index);
    }

    void hit(LimitHit hit) {
      hitsByLimit[hit.ordinal()].inc();
    }

    void banStarted() {
      bansStarted.inc();
    }
  }
}
