package org.aquaticjava.loadtest;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Formats a {@link LoadTestResult}: a human-readable block, then exactly one machine-readable line
 * starting with {@code SUMMARY } (space-separated {@code key=value}, keys fixed per protocol), which
 * scripts and benchmark tables parse.
 */
public final class ReportPrinter {
  private ReportPrinter() {}

  /** Prints the full report, ending with the summary line. */
  public static void print(LoadTestResult result, PrintWriter out) {
    final double seconds = result.durationSeconds();
    out.println("# aquatic-java load test report (" + result.protocol() + ")");
    out.printf(
        Locale.ROOT,
        "mode: %s, duration: %.3f s%n",
        result.rate() > 0 ? "open loop at " + result.rate() + " req/s" : "closed loop",
        seconds);
    out.printf(Locale.ROOT, "requests sent: %d (%.0f/s)%n", result.sent(), result.sent() / seconds);
    out.printf(
        Locale.ROOT,
        "responses: %d (%.0f/s)%n",
        result.responses(),
        result.responsesPerSecond());
    for (final Map.Entry<String, Long> type : result.responsesByType().entrySet()) {
      out.printf(
          Locale.ROOT,
          "  %-10s %12d (%.0f/s)%n",
          type.getKey(),
          type.getValue(),
          type.getValue() / seconds);
    }
    out.printf(Locale.ROOT, "  %-10s %12d (%.0f/s)%n", "error", result.errors(), result.errors() / seconds);
    for (final Map.Entry<String, Long> message : result.errorMessages().entrySet()) {
      out.printf(Locale.ROOT, "    %8d x \"%s\"%n", message.getValue(), message.getKey());
    }
    out.println("lost (no reply within timeout): " + result.lost());
    out.println("malformed replies: " + result.malformed());
    out.println("late or unmatched replies: " + result.late());
    out.printf(
        Locale.ROOT,
        "latency: p50 %d us, p99 %d us, p99.9 %d us, max %d us (%d samples)%n",
        result.percentileMicros(50),
        result.percentileMicros(99),
        result.percentileMicros(99.9),
        result.latencyNanos().getMaxValue() / 1000,
        result.latencyNanos().getTotalCount());
    out.println(summaryLine(result));
  }

  /** The one-line machine-readable summary. */
  public static String summaryLine(LoadTestResult result) {
    final StringBuilder line = new StringBuilder("SUMMARY");
    line.append(" protocol=").append(result.protocol());
    line.append(String.format(Locale.ROOT, " duration_s=%.3f", result.durationSeconds()));
    line.append(" rate=").append(result.rate());
    line.append(" sent=").append(result.sent());
    line.append(" responses=").append(result.responses());
    line.append(String.format(Locale.ROOT, " responses_per_s=%.0f", result.responsesPerSecond()));
    for (final Map.Entry<String, Long> type : result.responsesByType().entrySet()) {
      line.append(' ').append(type.getKey()).append('=').append(type.getValue());
    }
    line.append(" errors=").append(result.errors());
    line.append(" lost=").append(result.lost());
    line.append(" malformed=").append(result.malformed());
    line.append(" late=").append(result.late());
    line.append(" p50_us=").append(result.percentileMicros(50));
    line.append(" p99_us=").append(result.percentileMicros(99));
    line.append(" p999_us=").append(result.percentileMicros(99.9));
    return line.toString();
  }
}
