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

  /** Registers the metrics in {@code registry}; once per registry. */
  public HttpMetrics(PrometheusRegistry registry) {
    requests =
        TrackerMetrics.hotPathCounter(registry, "aquatic_requests_total", "HTTP requests received, by type (announce, scrape, or invalid)", "type", "ip_version", "worker_index");
    responses =
        TrackerMetrics.hotPathCounter(registry, "aquatic_responses_total", "Tracker responses sent, by type (announce, scrape, error)", "type", "ip_version", "worker_index");
    statuses =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_responses_total", "HTTP responses sent, by status code", "status", "worker_index");
    failures =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_failure_responses_total", "Responses carrying a failure reason, by reason", "reason", "worker_index");
    limits =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_limits_hit_total", "Limits hit, by limit: each closes its connection, except backpressure, which pauses reading", "reason", "worker_index");
    scrapeHashesTruncated =
        TrackerMetrics.hotPathCounter(registry, "aquatic_scrape_info_hashes_truncated_total", "Info hashes ignored because a scrape asked for more than max_scrape_torrents", "worker_index");
    unknownEvents =
        TrackerMetrics.hotPathCounter(registry, "aquatic_http_unknown_events_total", "Announces with an unknown event value, served as regular announces", "worker_index");
    activeConnections =
        Gauge.builder()
            .name("aquatic_active_connections")
            .help("Open HTTP connections")
            .labelNames("worker_index")
            .register(registry);
    sourceLimits = new SourceLimitMetrics(registry);
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
    final CounterDataPoint scrapeHashesTruncated;
    final CounterDataPoint unknownEvents;
    final GaugeDataPoint activeConnections;
    private final SourceLimitMetrics.Worker sourceLimits;
    private final CounterDataPoint[] statuses;
    private final CounterDataPoint[] protocolFailures;
    private final CounterDataPoint[] serverFailures;
    private final CounterDataPoint[] limits;

    private Worker(int workerIndex) {
      final String index = Integer.toString(workerIndex);
      for (int family = 0; family < 2; family++) {
        final String v = IP_VERSIONS[family];
        announceRequests[family] = requests.labelValues("announce", v, index);
        scrapeRequests[family] = requests.labelValues("scrape", v, index);
        invalidRequests[family] = requests.labelValues("invalid", v, index);
        announceResponses[family] = responses.labelValues("announce", v, index);
        scrapeResponses[family] = responses.labelValues("scrape", v, index);
        errorResponses[family] = responses.labelValues("error", v, index);
      }
      scrapeHashesTruncated = HttpMetrics.this.scrapeHashesTruncated.labelValues(index);
      unknownEvents = HttpMetrics.this.unknownEvents.labelValues(index);
      activeConnections = HttpMetrics.this.activeConnections.labelValues(index);
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
