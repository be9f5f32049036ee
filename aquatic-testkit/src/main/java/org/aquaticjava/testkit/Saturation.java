package org.aquaticjava.testkit;

import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;

/**
 * Saturates a running tracker's socket workers for overload tests: real work on the real event
 * loops (a task that holds each loop), so the probe measures a real lag and the tracker sheds
 * as it would under load. Stateless.
 */
public final class Saturation {
  /** How long a loop is held at a time: well above {@link #QUICK}'s lag threshold. */
  private static final Duration HOLD = Duration.ofMillis(150);

  /** Holds in a row, each making one late probe: more than {@link #QUICK} needs to shed. */
  private static final int HOLDS = 4;

  /**
   * {@code [overload]} for tests: 20 ms probes, 50 ms lag threshold, two saturated windows in a
   * row start shedding (one stretch of start-up work on a loop, such as class loading, does not),
   * 75 calm ones (a second and a half at least) end it; interval doubled, retry in 3 minutes.
   */
  public static final OverloadConfig QUICK;

  /** {@link #QUICK} as the {@code [overload]} table of a test config's TOML text. */
  public static final String QUICK_TOML;

  static {
    final String keys =
        """
        enabled = true
        probe_interval_ms = 20
        lag_threshold_ms = 50
        full_reads_percent = 50
        saturated_windows = 2
        calm_windows = 75
        announce_interval_factor = 2
        retry_in = 180
        """;
    QUICK = TomlConfigs.over(OverloadConfig.DEFAULTS, keys);
    QUICK_TOML = "[overload]\n" + keys;
  }

  /**
   * {@code [overload]} off, for tests that run a load tester flat out against a tracker: that
   * saturates it, and its shedding would change the counts the test compares.
   */
  public static final OverloadConfig OFF = new OverloadConfig(false, 100, 50, 50, 3, 50, 2, 300);

  private Saturation() {}

  /**
   * Holds every loop of {@code loops} again and again, as sustained load does (the probe runs
   * late in between), then waits until all of them shed ({@code aquatic_overload_shedding} of
   * {@code protocol} adds up to their number).
   */
  public static void saturate(EventExecutorGroup loops, TrackerMetrics metrics, String protocol) {
    int count = 0;
    for (EventExecutor loop : loops) {
      count++;
      loop.execute(() -> hold(loop, HOLDS));
    }
    final int all = count;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> shedding(metrics, protocol) == all);
  }

  /** Waits until no socket worker of {@code protocol} sheds any more. */
  public static void awaitRecovery(TrackerMetrics metrics, String protocol) {
    await().atMost(Duration.ofSeconds(20)).until(() -> shedding(metrics, protocol) == 0);
  }

  /** The socket workers of {@code protocol} shedding now. */
  public static double shedding(TrackerMetrics metrics, String protocol) {
    return MetricValues.sum(metrics, "aquatic_overload_shedding", "protocol", protocol);
  }

  /** Requests of {@code protocol} shed by {@code action} ({@code interval_raised}, ...). */
  public static double shed(TrackerMetrics metrics, String protocol, String action) {
    return MetricValues.sum(
        metrics, "aquatic_overload_shed_total", "protocol", protocol, "action", action);
  }

  /**
   * Holds the loop (to its probe a sleep is as late as work, and it spares the shared CPUs), then
   * lets the due probe run before the next hold.
   */
  private static void hold(EventExecutor loop, int holds) {
    try {
      Thread.sleep(HOLD);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (holds > 1) {
      loop.schedule(() -> hold(loop, holds - 1), 1, TimeUnit.MILLISECONDS);
    }
  }
}
