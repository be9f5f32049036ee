package org.aquaticjava.testkit;

import org.aquaticjava.core.config.RateLimitConfig;

/** {@code [rate_limit]} settings for tests. */
public final class RateLimits {
  /** {@link #off()} as the {@code [rate_limit]} table of a test config's TOML text. */
  public static final String OFF_TOML = "[rate_limit]\nenabled = false\n";

  private RateLimits() {}

  /**
   * The defaults with {@code enabled = false}: for tests that send far more than one source may
   * from one loopback address (allocation and load-tester tests), where a limit would only lose
   * requests the test counts.
   */
  public static RateLimitConfig off() {
    return TomlConfigs.over(RateLimitConfig.DEFAULTS, "enabled = false");
  }
}
