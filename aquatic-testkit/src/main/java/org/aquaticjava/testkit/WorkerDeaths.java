package org.aquaticjava.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Worker deaths of trackers started by tests, recorded instead of exiting the JVM. Pass {@link
 * #record} as the tracker's fatal-exit action ({@code Tracker.start(config, WorkerDeaths::record)});
 * {@link TrackerHygieneExtension} drains the record after each test and fails the test during which
 * a worker died. Thread-safe: workers record from their own threads.
 */
public final class WorkerDeaths {
  private static final ConcurrentLinkedQueue<String> DEATHS = new ConcurrentLinkedQueue<>();

  private WorkerDeaths() {}

  /**
   * Records that {@code worker} stopped because of {@code cause}; has the shape of {@code
   * org.aquaticjava.core.worker.FatalExit#exit}.
   */
  public static void record(String worker, Throwable cause) {
    DEATHS.add(worker + ": " + cause);
  }

  /** Every death recorded since the last call, then forgets them. */
  public static List<String> drain() {
    final List<String> deaths = new ArrayList<>();
    for (String death; (death = DEATHS.poll()) != null; ) {
      deaths.add(death);
    }
    return deaths;
  }
}
