package org.aquaticjava.loadtest;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one load-test run, returned by the in-process API so tests can compare counts with
 * a tracker's metrics. Every request sent ended as exactly one of: a typed response, an error
 * reply, a malformed reply or lost, so {@code sent == responses() + malformed + lost}.
 *
 * @param protocol {@code udp}, {@code http} or {@code ws}
 * @param durationSeconds measured sending time
 * @param rate configured requests per second; 0 for a closed-loop run
 * @param sent requests sent
 * @param responseTypes names of the response types, in the protocol's order
 * @param responsesByType valid responses per type, keyed by the names in {@code responseTypes}
 * @param errors valid error replies
 * @param errorMessages error replies by message text
 * @param lost requests without a reply within the timeout (including at the end of the run)
 * @param malformed replies that failed validation
 * @param late replies that matched no request in flight (not counted elsewhere)
 * @param latencyNanos reply latencies in nanoseconds (from the scheduled send time in open loop)
 */
public record LoadTestResult(
    String protocol,
    double durationSeconds,
    int rate,
    long sent,
    List<String> responseTypes,
    Map<String, Long> responsesByType,
    long errors,
    Map<String, Long> errorMessages,
    long lost,
    long malformed,
    long late,
    Histogram latencyNanos) {

  /** All valid replies: typed responses plus error replies. */
  public long responses() {
    long sum = errors;
    for (final long count : responsesByType.values()) {
      sum += count;
    }
    return sum;
  }

  /** Valid responses of one type; 0 for an unknown type name. */
  public long responses(String type) {
    return responsesByType.getOrDefault(type, 0L);
  }

  /** Valid replies per second of sending time. */
  public double responsesPerSecond() {
    return durationSeconds > 0 ? responses() / durationSeconds : 0;
  }

  /** Latency percentile in microseconds (0 if nothing was recorded). */
  public long percentileMicros(double percentile) {
    return latencyNanos.getTotalCount() == 0
        ? 0
        : Math.round(latencyNanos.getValueAtPercentile(percentile) / 1000.0);
  }
}
