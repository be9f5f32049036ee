package org.aquaticjava.core.limit;

import java.security.SecureRandom;
import java.util.Set;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.swarm.PeerAddress;
import org.jspecify.annotations.Nullable;

/**
 * The per-source limits of one socket worker ({@code [rate_limit]}): the handler computes a
 * source's key once per request ({@link #ipv4Key}, {@link #ipv6Key}), asks {@link #request}
 * before serving, {@link #scrapedTorrent} for each scraped info hash, and reports invalid requests
 * with {@link #invalid} so that persistent offenders get banned. A refused request is counted by
 * {@link LimitHit}; the {@link Verdict} says whether to tell the source ({@link Verdict#NOTIFY}, at
 * most once per {@code notice_interval} per source) or to stay silent ({@link Verdict#DROP}).
 *
 * <h2>Threads and the effective rate</h2>
 *
 * Not thread-safe: each socket worker (event loop, or UDP socket) owns one instance and calls it
 * from its thread only, with no locks or shared cache lines on the request path. The limits are
 * therefore per source <em>and per worker</em>. The kernel spreads a source's UDP source ports and
 * TCP connections over the workers ({@code SO_REUSEPORT} hashes the 4-tuple), so one socket of
 * one abuser meets exactly the configured limit, the many clients behind one NAT address share it
 * only within each worker, and a source that spreads over many ports can get up to {@code
 * socket_workers} times the configured rate. That is the price of lock-free limits; the defaults
 * are set for it.
 *
 * <p>Memory is fixed at construction: one {@link SourceTable} of {@code sources_tracked} entries per
 * enabled kind, plus notices, strikes, bans and the scrape estimator. Allocates nothing per call.
 * Time is the caller's monotonic nanosecond reading (e.g. {@code ServerClock.nanosSinceStart()}).
 */
public final class SourceLimits {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** The kinds of request limited per source, each with its own bucket of {@code [rate_limit]}. */
  public enum Kind {
    UDP_CONNECT(LimitHit.UDP_CONNECT),
    UDP_ANNOUNCE(LimitHit.UDP_ANNOUNCE),
    UDP_SCRAPE(LimitHit.UDP_SCRAPE),
    HTTP_REQUEST(LimitHit.HTTP_REQUEST),
    WS_MESSAGE(LimitHit.WS_MESSAGE),
    WS_CONNECTION(LimitHit.WS_CONNECTION);

    final LimitHit hit;

    Kind(LimitHit hit) {
      this.hit = hit;
    }

    RateLimitConfig.Bucket bucket(RateLimitConfig c) {
      return switch (this) {
        case UDP_CONNECT -> c.udpConnect();
        case UDP_ANNOUNCE -> c.udpAnnounce();
        case UDP_SCRAPE -> c.udpScrape();
        case HTTP_REQUEST -> c.httpRequests();
        case WS_MESSAGE -> c.wsMessages();
        case WS_CONNECTION -> c.wsConnections();
      };
    }
  }

  /** What to do with a request. */
  public enum Verdict {
    /** Serve it. */
    ALLOWED,
    /** Refuse it and tell the source it is limited (the first refusal of its notice interval). */
    NOTIFY,
    /** Refuse it silently: a banned source, or one already told within its notice interval. */
    DROP
  }

  private final SourceKeys keys;
  private final @Nullable TokenBuckets[] buckets = new TokenBuckets[Kind.values().length];
  private final TokenBuckets notices;
  private final @Nullable SourceBans bans;
  private final @Nullable DistinctTorrents scraped;
  private final int maxScrapedTorrents;
  private final int retryInMinutes;
  private final SourceLimitMetrics.Worker metrics;

  /**
   * Limits for {@code kinds} as {@code config} sets them; with {@code enabled = false} every request
   * is allowed and no tables are allocated.
   */
  public SourceLimits(
      RateLimitConfig config, Set<Kind> kinds, SourceLimitMetrics.Worker metrics) {
    this(config, kinds, metrics, new SecureRandom().nextLong());
  }

  SourceLimits(
      RateLimitConfig config, Set<Kind> kinds, SourceLimitMetrics.Worker metrics, long seed) {
    this.keys = new SourceKeys(config.ipv4PrefixLength(), config.ipv6PrefixLength(), seed);
    this.metrics = metrics;
    this.retryInMinutes = config.retryInMinutes();
    final int entries = config.sourcesTracked();
    final boolean on = config.enabled();
    for (Kind kind : kinds) {
      final RateLimitConfig.Bucket bucket = kind.bucket(config);
      if (on && bucket.rate() > 0) {
        buckets[kind.ordinal()] = TokenBuckets.perSecond(bucket.rate(), bucket.burst(), entries);
      }
    }
    this.notices =
        new TokenBuckets(config.noticeInterval() * NANOS_PER_SECOND, 1, on ? entries : 1);
    final RateLimitConfig.Bans b = config.bans();
    this.bans =
        on && b.threshold() > 0
            ? new SourceBans(
                b.threshold(), b.window() * NANOS_PER_SECOND, b.duration() * NANOS_PER_SECOND, entries)
            : null;
    final RateLimitConfig.ScrapedTorrents s = config.scrapedTorrents();
    this.maxScrapedTorrents = s.maxDistinct();
    this.scraped =
        on && s.maxDistinct() > 0
            ? new DistinctTorrents(s.window() * NANOS_PER_SECOND, entries, seed * 31 + 7)
            : null;
  }

  /** The key of an IPv4 source (network order). */
  public long ipv4Key(int address) {
    return keys.ipv4(address);
  }

  /** The key of an IPv6 source. */
  public long ipv6Key(long high, long low) {
    return keys.ipv6(high, low);
  }

  /** The key of a source given as its canonical address ({@link PeerAddress}). Thread-safe. */
  public long key(PeerAddress address) {
    return keys.of(address);
  }

  /** Whether the source may make one request of {@code kind} now; takes a token if so. */
  public Verdict request(Kind kind, long key, long nowNanos) {
    if (bans != null && bans.banned(key, nowNanos)) {
      metrics.hit(LimitHit.BANNED);
      return Verdict.DROP;
    }
    final TokenBuckets bucket = buckets[kind.ordinal()];
    if (bucket == null || bucket.tryTake(key, nowNanos)) {
      return Verdict.ALLOWED;
    }
    return refuse(kind.hit, key, nowNanos);
  }

  /**
   * Counts one scraped info hash (its 20 bytes as two longs and an int) for the source; refuses
   * once the source's
   * distinct torrents of this window exceed {@code scraped_torrents.max_distinct}.
   */
  public Verdict scrapedTorrent(
      long key, long infoHashA, long infoHashB, int infoHashC, long nowNanos) {
    if (scraped == null
        || scraped.add(key, infoHashA, infoHashB, infoHashC, nowNanos) <= maxScrapedTorrents) {
      return Verdict.ALLOWED;
    }
    return refuse(LimitHit.SCRAPED_TORRENTS, key, nowNanos);
  }

  /**
   * Records an invalid request of the source, which may start a ban (counted). The strikes of one
   * source must come in one time base: a time earlier than the previous strike's (seconds
   * truncated here, nanoseconds there) reads as a burst of strikes.
   */
  public void invalid(long key, long nowNanos) {
    if (bans != null && bans.strike(key, nowNanos)) {
      metrics.banStarted();
    }
  }

  /** Whether the source is banned now. */
  public boolean banned(long key, long nowNanos) {
    return bans != null && bans.banned(key, nowNanos);
  }

  /**
   * Whether the source is banned now, counted as a {@link LimitHit#BANNED} hit if so: for what is
   * refused before any request, such as a TCP connection closed as soon as it is accepted.
   */
  public boolean refusesBanned(long key, long nowNanos) {
    if (!banned(key, nowNanos)) {
      return false;
    }
    metrics.hit(LimitHit.BANNED);
    return true;
  }

  /** The BEP 31 {@code retry in} minutes to tell a limited source. */
  public int retryInMinutes() {
    return retryInMinutes;
  }

  private Verdict refuse(LimitHit hit, long key, long nowNanos) {
    metrics.hit(hit);
    return notices.tryTake(key, nowNanos) ? Verdict.NOTIFY : Verdict.DROP;
  }
}
