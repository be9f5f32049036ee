package org.aquaticjava.cli;

import io.netty.util.ResourceLeakDetector;
import java.util.function.UnaryOperator;

/**
 * Netty's buffer leak detection in the {@code aquatic} command: off, unless a system property asks
 * for a level ({@code -Dio.netty.leakDetection.level=simple|advanced|paranoid} in {@code
 * AQUATIC_JAVA_OPTS}, to hunt a leak). Netty's default samples one buffer in 128 and records a
 * stack trace for it, about 2.5% of the WebTorrent tracker's CPU under load; the test suites
 * run every buffer through paranoid detection instead.
 */
final class LeakDetection {
  /** The property Netty reads its level from. */
  static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";

  /** The older name of {@link #LEVEL_PROPERTY}, which Netty still honours. */
  private static final String LEGACY_LEVEL_PROPERTY = "io.netty.leakDetectionLevel";

  private LeakDetection() {}

  /**
   * Turns leak detection off unless {@code properties} name a level (Netty has then applied it).
   *
   * @return the level in force afterwards
   */
  static ResourceLeakDetector.Level configure(UnaryOperator<String> properties) {
    if (properties.apply(LEVEL_PROPERTY) == null && properties.apply(LEGACY_LEVEL_PROPERTY) == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    return ResourceLeakDetector.getLevel();
  }
}
