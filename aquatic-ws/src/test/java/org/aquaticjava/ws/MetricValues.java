package org.aquaticjava.ws;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads counters and gauges from a tracker's registry, summed over the matching label sets. */
final class MetricValues {
  private MetricValues() {}

  /**
   * The sum of every data point of {@code name} whose labels include all {@code labelPairs}
   * ({@code "type", "offer", ...}); a counter's {@code _total} suffix may be given.
   */
  static double sum(WsTracker tracker, String name, String... labelPairs) {
    final String wanted = name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
    double sum = 0;
    for (MetricSnapshot snapshot : tracker.runtime().metrics().registry().scrape()) {
      if (!snapshot.getMetadata().getPrometheusName().equals(wanted)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        boolean matches = true;
        for (int i = 0; i < labelPairs.length; i += 2) {
          matches &= labelPairs[i + 1].equals(point.getLabels().get(labelPairs[i]));
        }
        if (matches) {
          sum += switch (point) {
            case CounterSnapshot.CounterDataPointSnapshot c -> c.getValue();
            case GaugeSnapshot.GaugeDataPointSnapshot g -> g.getValue();
            default -> throw new IllegalArgumentException("not a counter or gauge: " + point);
          };
        }
      }
    }
    return sum;
  }
}
