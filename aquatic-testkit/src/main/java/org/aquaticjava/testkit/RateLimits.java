package org.aquaticjava.testkit;

import org.aquaticjava.core.config.RateLimitConfig;

/** {@code [rate_limit]} settings for tests. */
public final class RateLimits {
  private RateLimits() {}

  /**
   * The defaults with {@code enabled = false}: for tests that send far more than one source may
   * from one loopback address (allocation and load-tester tests), where a limit would only lose
   * requests the test counts.
   */
  public static RateLimitConfig off() {
    final RateLimitConfig d = RateLimitConfig.DEFAULTS;
    return new RateLimitConfig(
        false, d.ipv4PrefixLength(), d.ipv6PrefixLength(), d.sourcesTracked(), d.noticeInterval(),
        d.udpConnect(), d.udpAnnounce(), d.udpScrape(), d.httpRequests(), d.wsMessages(),
        d.wsConnections(), d.bans(), d.scrapedTorrents());
  }

  /** The defaults with these bans: for tests that make a source banned within a few requests. */
  public static RateLimitConfig withBans(RateLimitConfig.Bans bans) {
    final RateLimitConfig d = RateLimitConfig.DEFAULTS;
    return new RateLimitConfig(
        d.enabled(), d.ipv4PrefixLength(), d.ipv6PrefixLength(), d.sourcesTracked(),
        d.noticeInterval(), d.udpConnect(), d.udpAnnounce(), d.udpScrape(), d.httpRequests(),
        d.wsMessages(), d.wsConnections(), bans, d.scrapedTorrents());
  }
}
