package org.aquaticjava.http;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.aquaticjava.core.limit.SourceLimitMetrics;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.http.protocol.FailureReason;

/**
 * The HTTP tracker's metrics, with aquatic's names where aquatic has them ({@code
 * aquatic_requests_total}, {@code aquatic_responses_total}, {@code aquatic_active_connections}).
 * Label values are resolved once per socket worker into a {@link Worker}, so the hot path only
 * increments cached data points.
 */
public final class HttpMetrics {
  private static final String[] IP_VERSIONS = {"4", "6"};

  private final Counter requests;
  private final Counter responses;
  private final Counter statuses;
  private final Counter failures;
  private final Counter limits;
  private final Counter scrapeHashesTruncated;
  private final Counter unknownEvents;
  private final Gauge activeConnections;
  private final SourceLimitMetrics sourceLimits;

  /**
   * Registers the HTTP tracker's own metrics in {@code metrics}' registry (once per registry) and
   * takes the shared ones from it.
   */
  public HttpMetrics(TrackerMetrics metrics) {
    final PrometheusRegistry registry = metrics.registry();
    requests = metrics.requests();
    responses = metrics.responses();
    statuses =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_responses_total", "HTTP responses sent, by status code", "status", "worker_index");
    failures =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_failure_responses_total", "Responses carrying a failure reason, by reason", "reason", "worker_index");
    limits =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_limits_hit_total", "Limits hit, by limit: each closes its connection, except backpressure, which pauses reading", "reason", "worker_index");
    scrapeHashesTruncated = metrics.scrapeInfoHashesTruncated();
    unknownEvents =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_unknown_events_total", "Announces with an unknown event value, served as regular announces", "worker_index");
    activeConnections = metrics.activeConnections();
    sourceLimits = new SourceLimitMetrics(metrics, HttpTracker.PROTOCOL);
  }

  /** The data points of one socket worker. */
  public Worker forWorker(int workerIndex) {
    return new Worker(workerIndex);
  }

  /**
   * Data points of one socket worker, indexed by address family (0 = IPv4, 1 = IPv6) where
   * labelled by it. Used on that worker's thread; the data points themselves are thread-safe.
   */
  public final class Worker {
    final CounterDataPoint[] announceRequests = new CounterDataPoint[2];
    final CounterDataPoint[] scrapeRequests = new CounterDataPoint[2];
    final CounterDataPoint[] invalidRequests = new CounterDataPoint[2];
    final CounterDataPoint[] announceResponses = new CounterDataPoint[2];
    final CounterDataPoint[] scrapeResponses = new CounterDataPoint[2];
    final CounterDataPoint[] errorResponses = new CounterDataPoint[2];
    final CounterDataPoint[] scrapeHashesTruncated = new CounterDataPoint[2];
    final CounterDataPoint unknownEvents;
    final GaugeDataPoint[] activeConnections = new GaugeDataPoint[2];
    private final SourceLimitMetrics.Worker sourceLimits;
    private final CounterDataPoint[] statuses;
    private final CounterDataPoint[] protocolFailures;
    private final CounterDataPoint[] serverFailures;
    private final CounterDataPoint[] limits;

    private Worker(int workerIndex) {
      final String index = Integer.toString(workerIndex);
      for (int family = 0; family < 2; family++) {
        final String v = IP_VERSIONS[family];
        final String http = HttpTracker.PROTOCOL;
        announceRequests[family] = requests.labelValues(http, "announce", v, index);
        scrapeRequests[family] = requests.labelValues(http, "scrape", v, index);
        invalidRequests[family] = requests.labelValues(http, "invalid", v, index);
        announceResponses[family] = responses.labelValues(http, "announce", v, index);
        scrapeResponses[family] = responses.labelValues(http, "scrape", v, index);
        errorResponses[family] = responses.labelValues(http, "error", v, index);
        scrapeHashesTruncated[family] =
            HttpMetrics.this.scrapeHashesTruncated.labelValues(http, v, index);
        activeConnections[family] = HttpMetrics.this.activeConnections.labelValues(http, v, index);
      }
      unknownEvents = HttpMetrics.this.unknownEvents.labelValues(index);
      sourceLimits = HttpMetrics.this.sourceLimits.forWorker(workerIndex);
      statuses = new CounterDataPoint[HttpStatus.values().length];
      for (HttpStatus status : HttpStatus.values()) {
        statuses[status.ordinal()] = HttpMetrics.this.statuses.labelValues(status.label(), index);
      }
      protocolFailures = new CounterDataPoint[FailureReason.values().length];
      for (FailureReason reason : FailureReason.values()) {
        protocolFailures[reason.ordinal()] = failures.labelValues(reason.label(), index);
      }
      serverFailures = new CounterDataPoint[ServerFailure.values().length];
      for (ServerFailure reason : ServerFailure.values()) {
        serverFailures[reason.ordinal()] = failures.labelValues(reason.label(), index);
      }
      limits = new CounterDataPoint[LimitReason.values().length];
      for (LimitReason reason : LimitReason.values()) {
        limits[reason.ordinal()] = HttpMetrics.this.limits.labelValues(reason.label(), index);
      }
    }

    /** The per-source limit counters of this worker, for its {@code SourceLimits}. */
    public SourceLimitMetrics.Worker sourceLimits() {
      return sourceLimits;
    }

    void status(HttpStatus status) {
      statuses[status.ordinal()].inc();
    }

    void failure(FailureReason reason) {
      protocolFailures[reason.ordinal()].inc();
    }

    void failure(ServerFailure reason) {
      serverFailures[reason.ordinal()].inc();
    }

    void limit(LimitReason reason) {
      limits[reason.ordinal()].inc();
    }
  }
}
