package org.aquaticjava.testkit;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Netty leak detector that, besides logging, records every leak it reports so that {@link
 * TrackerHygieneExtension} can fail the test. Installed for the whole test JVM by the surefire
 * argLine of each module that uses it ({@code
 * -Dio.netty.customResourceLeakDetector=org.aquaticjava.testkit.RecordingLeakDetector} with {@code
 * -Dio.netty.leakDetection.level=paranoid}), so every buffer the code under test allocates is
 * tracked. Netty instantiates it reflectively through the two public constructors.
 *
 * <p>Netty reports a leak only when the leaked buffer has been garbage collected and a later
 * allocation polls the detector's queue; {@link TrackerHygieneExtension} forces both after each
 * test. Thread-safe.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
  private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();
  private static volatile boolean installed;
  /** Whether a resource was tracked since {@link #trackedSinceLastCheck()} was last called. */
  private static volatile boolean tracked;

  // Netty's factory looks this one up first and gives up on the class without it.
  @SuppressWarnings("deprecation")
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval, maxActive);
    installed = true;
  }

  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
    installed = true;
  }

  /** Whether Netty created this detector, i.e. the system property took effect. */
  public static boolean isInstalled() {
    return installed;
  }

  /** Whether leaks were recorded and not yet drained. */
  public static boolean hasPending() {
    return !LEAKS.isEmpty();
  }

  /** Every leak recorded since the last call, then forgets them. */
  public static List<String> drain() {
    final List<String> leaks = new ArrayList<>();
    for (String leak; (leak = LEAKS.poll()) != null; ) {
      leaks.add(leak);
    }
    return leaks;
  }

  /**
   * Whether any buffer was tracked (allocated) since the last call; a test that allocated none
   * cannot have leaked one, so its (slow, collecting) leak check can be skipped.
   */
  public static boolean trackedSinceLastCheck() {
    final boolean any = tracked;
    tracked = false;
    return any;
  }

  @Override
  protected Object getInitialHint(String resourceType) {
    tracked = true; // called by Netty for every resource it starts to track
    return null;
  }

  @Override
  protected boolean needReport() {
    return true; // record even when the logger would not print
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add(resourceType + " leaked:" + records);
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add(resourceType + " leaked (no access records)");
    super.reportUntracedLeak(resourceType);
  }
}
