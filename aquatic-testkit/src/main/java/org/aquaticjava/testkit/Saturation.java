package org.aquaticjava.testkit;

import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;

/**
 * Saturates a running tracker's socket workers for overload tests: real work on the real event
 * loops (a task that holds each loop), so the probe measures a real lag and the tracker sheds
 * as it would under load. Stateless.
 */
public final class Saturation {
  /** How long a loop is kept busy: well above {@link #QUICK}'s lag threshold. */
  private static final Duration BUSY = Duration.ofMillis(300);

  /**
   * {@code [overload]} for tests: 20 ms probes, 50 ms lag threshold, one saturated window starts
   * shedding, 150 calm ones (three seconds at least) end it; interval doubled, retry in 3 minutes.
   */
  public static final OverloadConfig QUICK = new OverloadConfig(true, 20, 50, 50, 1, 150, 2, 3);

  private Saturation() {}

  /**
   * Keeps every loop of {@code loops} busy for a while, then waits until all of them shed ({@code
   * aquatic_overload_shedding} of {@code protocol} adds up to their number).
   */
  public static void saturate(EventExecutorGroup loops, TrackerMetrics metrics, String protocol) {
    int count = 0;
    for (EventExecutor loop : loops) {
      count++;
      loop.execute(Saturation::busy);
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

  /** Holds the loop: to its probe, a sleep is as late as work, and spares the shared CPUs. */
  private static void busy() {
    try {
      Thread.sleep(BUSY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
