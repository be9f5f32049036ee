package org.aquaticjava.core.config;

/**
 * The {@code [rate_limit]} section, shared by every protocol: per-source token buckets, bans for
 * sources that keep sending invalid requests, and a cap on distinct torrents scraped per source.
 * Each tracker reads the keys of its own protocol and ignores the others.
 *
 * <h2>Why the defaults never bite well-behaved clients</h2>
 *
 * The case to survive is a carrier-grade NAT: assume 5,000 active clients behind one IPv4
 * address (more than carriers usually put on one), each with 100 torrents announcing every 900 s
 * (the UDP and HTTP default interval). That is 5,000 × 100 / 900 ≈ 560 announces a second, and at
 * most as many UDP connects (libtorrent reuses a connection id for a minute; a client that
 * connects before every announce doubles nothing beyond that). The announce, connect and HTTP
 * defaults of 2,000 a second are about 3.5× that; the bursts of 20,000 absorb a restart storm in
 * which every torrent behind the address announces within ten seconds. WebTorrent browsers
 * announce every 120 s with far fewer torrents: 5,000 × 10 / 120 ≈ 420 messages a second, plus
 * offers and answers. Clients that scrape on their own (Transmission, libtorrent's auto-scrape of
 * queued torrents) scrape each torrent about every 30 minutes and batch up to 74 hashes per UDP
 * scrape, so 5,000 × 100 torrents come to well under the 100,000 distinct torrents per 10 minutes
 * allowed, and 500 scrape requests a second. Floods, by contrast, come at tens of thousands of
 * requests a second from one address, and scrapers walking the torrent space need millions of
 * distinct torrents.
 *
 * <p>The limits are per socket worker (each keeps its own tables): the kernel spreads a source's
 * UDP ports and TCP connections over the workers, so the many clients behind one NAT address
 * share the limit only within each worker, while one abusive socket meets the whole limit in the
 * worker it hashes to. A source spreading over many ports can get up to {@code socket_workers}
 * times the configured rate.
 */
@Doc(
    "Per-source limits: token buckets per source address prefix, bans for sources that keep"
        + " sending invalid requests, and a cap on the distinct torrents one source may scrape. The"
        + " defaults leave room for thousands of clients behind one carrier-grade NAT address; see"
        + " the README (\"Running a public tracker\"). Each limit is per socket worker; each"
        + " tracker uses the tables of its own protocol. Limit hits are counted in"
        + " aquatic_source_limits_hit_total, bans in aquatic_source_bans_total.")
public record RateLimitConfig(
    @Doc("Apply the per-source limits of this section.") boolean enabled,
    @Doc(
            "Leading bits of an IPv4 address that identify a source (32: each address on its"
                + " own).")
        @Range(min = 8, max = 32)
        int ipv4PrefixLength,
    @Doc(
            "Leading bits of an IPv6 address that identify a source (64: one customer network,"
                + " since one host can use any of its /64's addresses).")
        @Range(min = 16, max = 128)
        int ipv6PrefixLength,
    @Doc(
            "Sources each limit table of a socket worker tracks (about 16 bytes each per table)."
                + " When full, the least active source is forgotten, which only forgives it: memory"
                + " never grows, whatever the number of source addresses.")
        @Range(min = 64, max = 16_777_216)
        int sourcesTracked,
    @Doc(
            "Seconds between two replies that tell one limited source it is limited: a UDP error,"
                + " an HTTP 429 with BEP 31 retry in (rounded up to minutes), a WebTorrent error"
                + " message before close 1013, a 429 with Retry-After to a WebSocket upgrade. Other"
                + " limited requests in between get no reply (UDP) or only a closed connection"
                + " (HTTP, WebSocket), so a flood is never answered by a flood.")
        @Range(min = 1, max = 86_400)
        int noticeInterval,
    @Doc("UDP connect requests per source.") Bucket udpConnect,
    @Doc("UDP announce requests per source.") Bucket udpAnnounce,
    @Doc("UDP scrape requests per source.") Bucket udpScrape,
    @Doc(
            "HTTP requests (announces, scrapes, anything else) per source: the client address"
                + " of the reverse-proxy header on connections from trusted proxies, else the TCP"
                + " peer.")
        Bucket httpRequests,
    @Doc(
            "WebTorrent messages per source, over all its connections (on top of"
                + " limits.max_messages_per_second per connection).")
        Bucket wsMessages,
    @Doc("WebSocket upgrade requests (new connections) per source.") Bucket wsConnections,
    Bans bans,
    ScrapedTorrents scrapedTorrents) {

  public static final RateLimitConfig DEFAULTS =
      new RateLimitConfig(
          true,
          32,
          64,
          16_384,
          60,
          new Bucket(2_000, 20_000),
          new Bucket(2_000, 20_000),
          new Bucket(500, 5_000),
          new Bucket(2_000, 20_000),
          new Bucket(2_000, 20_000),
          new Bucket(200, 10_000),
          Bans.DEFAULTS,
          ScrapedTorrents.DEFAULTS);

  /** The BEP 31 {@code retry in} minutes for a limited source: the notice interval, rounded up. */
  public int retryInMinutes() {
    return (noticeInterval + 59) / 60;
  }

  /** One token bucket per source: {@code rate} requests a second, {@code burst} at once. */
  @Doc("A token bucket per source.")
  public record Bucket(
      @Doc("Requests a source may make per second on average; 0 turns this limit off.")
          @Range(min = 0, max = 100_000_000)
          int rate,
      @Doc("Requests a source may make at once above the rate (the bucket's size).")
          @Range(min = 1, max = 100_000_000)
          int burst) {}

  /** The {@code [rate_limit.bans]} table. */
  @Doc(
      "Bans: a source sending more than threshold invalid requests within window seconds is"
          + " ignored for duration seconds, and counted. Invalid are: UDP forged connection ids and"
          + " malformed datagrams; HTTP requests the decoder refuses (malformed, line or headers"
          + " too long) and tracker queries that do not parse; WebSocket malformed upgrade requests,"
          + " broken frames, invalid UTF-8 and messages that are not valid WebTorrent JSON. UDP"
          + " forged connection ids count only from max_connection_age plus connection_id_grace"
          + " after start, when clients no longer hold ids of the previous run. HTTP connections from trusted reverse proxies"
          + " are never struck for what the decoder refuses (the proxy is not the client).")
  public record Bans(
      @Doc("Invalid requests within window that start a ban; 0 turns bans off.")
          @Range(min = 0, max = 100_000_000)
          int threshold,
      @Doc("Seconds over which threshold is counted.") @Range(min = 1, max = 86_400) int window,
      @Doc("Seconds a ban lasts.") @Range(min = 1, max = 604_800) int duration) {

    public static final Bans DEFAULTS = new Bans(1_000, 60, 600);
  }

  /** The {@code [rate_limit.scraped_torrents]} table. */
  @Doc(
      "Distinct torrents one source may scrape per window (scrapers walking the torrent space),"
          + " estimated with a small HyperLogLog per source (about 13% error). Scraping the same"
          + " torrents again does not count again; a source over the limit has its scrapes"
          + " refused until its window ends. Used by UDP, HTTP and WebTorrent scrapes.")
  public record ScrapedTorrents(
      @Doc("Distinct info hashes per source and window; 0 turns this limit off.")
          @Range(min = 0, max = 1_000_000)
          int maxDistinct,
      @Doc("Seconds of one window.") @Range(min = 1, max = 86_400) int window) {

    public static final ScrapedTorrents DEFAULTS = new ScrapedTorrents(100_000, 600);
  }
}
