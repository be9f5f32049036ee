package org.aquaticjava.netty;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.aquaticjava.core.metrics.TrackerMetrics;

/**
 * The stats page's figures of abuse and overload, by protocol ({@link RequestRates#PROTOCOLS}
 * order): socket workers shedding now ({@code aquatic_overload_shedding}), requests shed ({@code
 * aquatic_overload_shed_total}), bans started ({@code aquatic_source_bans_total}) and requests
 * refused by a per-source limit ({@code aquatic_source_limits_hit_total}), each summed over its
 * other labels. Read from the registry when a page is asked for, never on the request path.
 */
record ProtectionCounts(
    double[] sheddingWorkers, double[] shedTotal, double[] bansTotal, double[] limitHitsTotal) {

  /** The metric names read, as the registry names them (counters without {@code _total}). */
  private static final List<String> NAMES =
      List.of(
          "aquatic_overload_shedding",
          "aquatic_overload_shed",
          "aquatic_source_bans",
          "aquatic_source_limits_hit");

  static ProtectionCounts read(PrometheusRegistry registry) {
    final int n = RequestRates.PROTOCOLS.size();
    final double[][] sums = new double[NAMES.size()][n];
    for (MetricSnapshot snapshot : registry.scrape(name -> NAMES.contains(stripTotal(name)))) {
      final int metric = NAMES.indexOf(snapshot.getMetadata().getPrometheusName());
      if (metric < 0) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        final int protocol =
            RequestRates.PROTOCOLS.indexOf(point.getLabels().get(TrackerMetrics.PROTOCOL));
        if (protocol >= 0) {
          sums[metric][protocol] += value(point);
        }
      }
    }
    return new ProtectionCounts(sums[0], sums[1], sums[2], sums[3]);
  }

  private static String stripTotal(String name) {
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }

  private static double value(DataPointSnapshot point) {
    return switch (point) {
      case CounterSnapshot.CounterDataPointSnapshot c -> c.getValue();
      case GaugeSnapshot.GaugeDataPointSnapshot g -> g.getValue();
      default -> 0;
    };
  }
}
