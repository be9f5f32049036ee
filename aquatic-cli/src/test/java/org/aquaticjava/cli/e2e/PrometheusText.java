package org.aquaticjava.cli.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scrape of a Prometheus text-format endpoint, reduced to what the end-to-end test asks: the
 * sum of a metric's samples whose labels include given values. Immutable.
 */
final class PrometheusText {
  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  /**
   * Parses exposition text; comment lines and lines that are not {@code name[{labels}] value} are
   * skipped.
   */
  static PrometheusText parse(String text) {
    final List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      final int brace = line.indexOf('{');
      final int space = line.indexOf(' ');
      final String name;
      final String labels;
      final String rest;
      if (brace >= 0 && (space < 0 || brace < space)) {
        final int close = line.indexOf('}', brace);
        if (close < 0) {
          continue;
        }
        name = line.substring(0, brace);
        labels = line.substring(brace + 1, close);
        rest = line.substring(close + 1).strip();
      } else if (space > 0) {
        name = line.substring(0, space);
        labels = "";
        rest = line.substring(space + 1).strip();
      } else {
        continue;
      }
      final String value = rest.split(" ")[0]; // an optional timestamp may follow
      try {
        samples.add(new Sample(name, labels, Double.parseDouble(value)));
      } catch (NumberFormatException e) {
        // not a sample line; the endpoint's format is checked by the tracker's own tests
      }
    }
    return new PrometheusText(List.copyOf(samples));
  }

  /**
   * The sum over every sample of {@code name} that carries all of {@code labels} (other labels,
   * such as the socket worker index, are summed over); 0 when there is none.
   */
  double sum(String name, Map<String, String> labels) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name.equals(name) && sample.hasLabels(labels)) {
        sum += sample.value;
      }
    }
    return sum;
  }

  private record Sample(String name, String labels, double value) {
    boolean hasLabels(Map<String, String> wanted) {
      final List<String> pairs = List.of(labels.split(","));
      return wanted.entrySet().stream()
          .allMatch(e -> pairs.contains(e.getKey() + "=\"" + e.getValue() + "\""));
    }
  }
}
