package org.aquaticjava.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.aquaticjava.core.metrics.TrackerMetrics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.util.EnumSet;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.config.RateLimitConfig.Bucket;
import org.aquaticjava.core.limit.SourceLimits.Kind;
import org.aquaticjava.core.limit.SourceLimits.Verdict;
import org.junit.jupiter.api.Test;

class SourceLimitsTest {
  private static final long SECOND = 1_000_000_000L;
  private final TrackerMetrics trackerMetrics = new TrackerMetrics();
  private final PrometheusRegistry registry = trackerMetrics.registry();
  private final SourceLimitMetrics.Worker metrics =
      new SourceLimitMetrics(trackerMetrics, "udp").forWorker(0);

  private static RateLimitConfig config(Bucket announce, RateLimitConfig.Bans bans, int maxScraped) {
    final RateLimitConfig d = RateLimitConfig.DEFAULTS;
    return new RateLimitConfig(
        true, 32, 64, 1024, 60, d.udpConnect(), announce, d.udpScrape(), d.httpRequests(),
        d.wsMessages(), d.wsConnections(), bans, new RateLimitConfig.ScrapedTorrents(maxScraped, 60));
  }

  @Test
  void notifiesALimitedSourceOncePerNoticeIntervalThenDrops() {
    final SourceLimits limits =
        new SourceLimits(
            config(new Bucket(1, 2), RateLimitConfig.Bans.DEFAULTS, 0),
            EnumSet.of(Kind.UDP_ANNOUNCE), metrics, 5);
    final long key = limits.ipv4Key(0x7F00_0002);
    assertThat(limits.request(Kind.UDP_ANNOUNCE, key, 0)).isEqualTo(Verdict.ALLOWED);
    assertThat(limits.request(Kind.UDP_ANNOUNCE, key, 0)).isEqualTo(Verdict.ALLOWED);
    assertThat(limits.request(Kind.UDP_ANNOUNCE, key, 0)).isEqualTo(Verdict.NOTIFY);
    assertThat(limits.request(Kind.UDP_ANNOUNCE, key, 0)).isEqualTo(Verdict.DROP);
    assertThat(limits.request(Kind.UDP_ANNOUNCE, limits.ipv4Key(0x7F00_0003), 0))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(limits.request(Kind.UDP_ANNOUNCE, key, 60 * SECOND)).isEqualTo(Verdict.ALLOWED);
    assertThat(hits("udp_announce")).isEqualTo(2);
  }

  @Test
  void kindsNotAskedForAreNotLimited() {
    final SourceLimits limits =
        new SourceLimits(
            config(new Bucket(1, 1), RateLimitConfig.Bans.DEFAULTS, 0),
            EnumSet.of(Kind.UDP_CONNECT), metrics, 5);
    for (int i = 0; i < 100; i++) {
      assertThat(limits.request(Kind.UDP_ANNOUNCE, 77, 0)).isEqualTo(Verdict.ALLOWED);
    }
  }

  @Test
  void aBannedSourceIsDroppedWhateverItAsksForUntilTheBanEnds() {
    final SourceLimits limits =
        new SourceLimits(
            config(new Bucket(1000, 1000), new RateLimitConfig.Bans(2, 60, 30), 0),
            EnumSet.allOf(Kind.class), metrics, 5);
    final long key = limits.ipv6Key(0x2001_0db8L << 32, 1);
    for (int i = 0; i < 3; i++) {
      limits.invalid(key, 0);
    }
    assertThat(limits.banned(key, 0)).isTrue();
    assertThat(limits.request(Kind.UDP_CONNECT, key, SECOND)).isEqualTo(Verdict.DROP);
    assertThat(limits.request(Kind.UDP_CONNECT, key, 30 * SECOND)).isEqualTo(Verdict.ALLOWED);
    assertThat(hits("banned")).isEqualTo(1);
    assertThat(counter("aquatic_source_bans_total")).isEqualTo(1);
  }

  @Test
  void refusesScrapesOnceASourceExceedsTheDistinctTorrentsOfItsWindow() {
    final SourceLimits limits =
        new SourceLimits(
            config(new Bucket(1, 1), RateLimitConfig.Bans.DEFAULTS, 100),
            EnumSet.noneOf(Kind.class), metrics, 5);
    int allowed = 0;
    for (long torrent = 0; torrent < 1000; torrent++) {
      if (limits.scrapedTorrent(9, torrent, torrent * 3, 0, 0) == Verdict.ALLOWED) {
        allowed++;
      }
    }
    assertThat(allowed).isBetween(60, 140);
    assertThat(hits("scraped_torrents")).isEqualTo(1000 - allowed);
    assertThat(limits.scrapedTorrent(10, 1, 3, 0, 0)).isEqualTo(Verdict.ALLOWED);
    assertThat(limits.scrapedTorrent(9, 1, 3, 0, 60 * SECOND)).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void disabledAllowsEverything() {
    final RateLimitConfig on = config(new Bucket(1, 1), new RateLimitConfig.Bans(1, 60, 60), 1);
    final RateLimitConfig off =
        new RateLimitConfig(
            false, 32, 64, 1024, 60, on.udpConnect(), on.udpAnnounce(), on.udpScrape(),
            on.httpRequests(), on.wsMessages(), on.wsConnections(), on.bans(),
            on.scrapedTorrents());
    final SourceLimits limits = new SourceLimits(off, EnumSet.allOf(Kind.class), metrics, 5);
    for (int i = 0; i < 100; i++) {
      limits.invalid(1, 0);
      assertThat(limits.request(Kind.UDP_ANNOUNCE, 1, 0)).isEqualTo(Verdict.ALLOWED);
      assertThat(limits.scrapedTorrent(1, i, i, 0, 0)).isEqualTo(Verdict.ALLOWED);
    }
  }

  private long hits(String limit) {
    for (CounterSnapshot.CounterDataPointSnapshot p : snapshot("aquatic_source_limits_hit_total")) {
      if (p.getLabels().get("limit").equals(limit)) {
        return (long) p.getValue();
      }
    }
    return 0;
  }

  private long counter(String name) {
    long sum = 0;
    for (CounterSnapshot.CounterDataPointSnapshot p : snapshot(name)) {
      sum += (long) p.getValue();
    }
    return sum;
  }

  private java.util.List<CounterSnapshot.CounterDataPointSnapshot> snapshot(String name) {
    return registry.scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals(name.replace("_total", "")))
        .map(s -> ((CounterSnapshot) s).getDataPoints())
        .findFirst()
        .orElseThrow();
  }
}
