package org.aquaticjava.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks of keys against each other, for a config record's compact constructor: each failed check
 * is one problem naming both keys and their values, and {@link #throwIfAny} reports them all
 * together (the config loader shows each on its own line, after the record's path). Not
 * thread-safe; one instance per constructor call.
 */
public final class ConfigChecks {
  private final List<String> problems = new ArrayList<>();

  /** At least one address family must be on: {@code use_ipv4} and {@code use_ipv6} both false is a problem. */
  public ConfigChecks anAddressFamily(boolean useIpv4, boolean useIpv6) {
    if (!useIpv4 && !useIpv6) {
      problems.add("use_ipv4 and use_ipv6 are both false: nothing to listen on");
    }
    return this;
  }

  /**
   * {@code smallKey} must not exceed {@code bigKey}.
   *
   * @param why what goes wrong otherwise, e.g. "peers would expire between announces"
   */
  public ConfigChecks notAbove(String smallKey, long small, String bigKey, long big, String why) {
    if (small > big) {
      problems.add(smallKey + " (" + small + ") must not exceed " + bigKey + " (" + big + "): " + why);
    }
    return this;
  }

  /** A problem unless {@code holds}; {@code problem} names the keys at fault and why. */
  public ConfigChecks require(boolean holds, String problem) {
    if (!holds) {
      problems.add(problem);
    }
    return this;
  }

  /**
   * @throws IllegalArgumentException with one problem per line, if any check failed
   */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
  }
}
