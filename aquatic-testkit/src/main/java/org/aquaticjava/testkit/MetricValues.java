package org.aquaticjava.testkit;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.aquaticjava.core.metrics.TrackerMetrics;

/**
 * Reads counters and gauges straight from a tracker's registry, summed over matching labels.
 * Stateless; as thread-safe as the registry's scrape.
 */
public final class MetricValues {
  private MetricValues() {}

  /**
   * The sum of every data point of {@code name} whose labels include all of {@code labelPairs}
   * ({@code "reason", "connection_id_forged", ...}); 0 if none match.
   *
   * @param name the exposed name; a counter's {@code _total} suffix may be given or left out
   */
  public static double sum(PrometheusRegistry registry, String name, String... labelPairs) {
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

  /** {@link #sum(PrometheusRegistry, String, String...)} over a tracker's metrics registry. */
  public static double sum(TrackerMetrics metrics, String name, String... labelPairs) {
    return sum(metrics.registry(), name, labelPairs);
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
