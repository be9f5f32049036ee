package org.aquaticjava.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads counters and gauges straight from a tracker's registry, summed over matching labels. */
final class MetricValues {
  private MetricValues() {}

  /**
   * The sum of every data point of {@code name} whose labels include all of {@code labelPairs}
   * ({@code "reason", "connection_id_forged", ...}); 0 if none match.
   *
   * @param name the exposed name; a counter's {@code _total} suffix may be given or left out
   */
  static double sum(PrometheusRegistry registry, String name, String... labelPairs) {
    final String wanted = name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
    double sum = 0;
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (!snapshot.getMetadata().getPrometheusName().equals(wanted)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        if (matches(point, labelPairs)) {
          sum += value(point);
        }
      }
    }
    return sum;
  }

  static double sum(HttpTracker tracker, String name, String... labelPairs) {
    return sum(tracker.runtime().metrics().registry(), name, labelPairs);
  }

  private static boolean matches(DataPointSnapshot point, String[] labelPairs) {
    for (int i = 0; i < labelPairs.length; i += 2) {
      if (!labelPairs[i + 1].equals(point.getLabels().get(labelPairs[i]))) {
        return false;
      }
    }
    return true;
  }

  private static double value(DataPointSnapshot point) {
    return switch (point) {
      case CounterSnapshot.CounterDataPointSnapshot c -> c.getValue();
      case GaugeSnapshot.GaugeDataPointSnapshot g -> g.getValue();
      default -> throw new IllegalArgumentException("not a counter or gauge: " + point);
    };
  }
}
