package org.aquaticjava.http;

import java.util.List;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.ConfigChecks;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.LogLevel;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.aquaticjava.core.config.Range;
import org.aquaticjava.core.config.Inline;
import org.aquaticjava.core.config.ListenConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.Range;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.config.TcpConfig;
import org.aquaticjava.core.config.TlsConfig;

/**
 * Configuration of {@code aquatic http}. Record components map to TOML keys in snake_case; nested
 * records are TOML tables. Every key has a default, so an empty file is a valid config. Compact
 * constructors reject combinations that cannot work; the loader reports them with the key path.
 */
public record HttpConfig(
    @Doc(
            "Socket worker threads, each with its own listening socket per address family sharing"
                + " the port (SO_REUSEPORT) and serving the connections it accepted. 0 means one"
                + " per available CPU.")
        @Range(min = 0, max = 1024)
        int socketWorkers,
    @Doc("Log level: off, error, warn, info, debug or trace.") LogLevel logLevel,
    Network network,
    Protocol protocol,
    Limits limits,
    ReverseProxy reverseProxy,
    Cleaning cleaning,
    AccessListConfig accessList,
    MetricsConfig metrics,
    PersistenceConfig persistence,
    ClusterConfig cluster,
    StatsConfig stats,
    RateLimitConfig rateLimit,
    OverloadConfig overload) {

  public static final HttpConfig DEFAULTS =
      new HttpConfig(
          0,
          LogLevel.INFO,
          Network.DEFAULTS,
          Protocol.DEFAULTS,
          Limits.DEFAULTS,
          ReverseProxy.DEFAULTS,
          Cleaning.DEFAULTS,
          AccessListConfig.DEFAULTS,
          MetricsConfig.DEFAULTS,
          PersistenceConfig.DEFAULTS,
          ClusterConfig.DEFAULTS,
          StatsConfig.DEFAULTS,
          RateLimitConfig.DEFAULTS,
          OverloadConfig.DEFAULTS);

  /** Bytes of one fully percent-encoded {@code info_hash=...&} scrape parameter. */
  static final int SCRAPE_PARAMETER_LENGTH = 71;

  public HttpConfig {
    new ConfigChecks()
        .notAbove(
            "protocol.peer_announce_interval",
            protocol.peerAnnounceInterval(),
            "cleaning.max_peer_age",
            cleaning.maxPeerAge(),
            "peers would expire between their announces")
        .notAbove(
            "the request line of a scrape of protocol.max_scrape_torrents = "
                + protocol.maxScrapeTorrents()
                + " info hashes",
            scrapeRequestLineLength(protocol),
            "limits.max_request_line_length",
            limits.maxRequestLineLength(),
            "such scrapes would be refused with 414 (aquatic.md §8 #10)")
        .throwIfAny();
  }

  /** The longest request line of a scrape of max_scrape_torrents fully percent-encoded hashes. */
  static int scrapeRequestLineLength(Protocol protocol) {
    return "GET ".length()
        + protocol.scrapePath().length()
        + 1
        + protocol.maxScrapeTorrents() * SCRAPE_PARAMETER_LENGTH
        + " HTTP/1.1".length();
  }

  /** The {@code [network]} section. */
  @Doc("Sockets, transport and connection handling.")
  public record Network(
      @Inline ListenConfig listen,
      @Inline TcpConfig tcp,
      @Doc(
              "Keep connections open between requests (HTTP keep-alive) unless the client asks to"
                  + " close (Connection: close, or HTTP/1.0 without keep-alive). false answers"
                  + " every request with Connection: close. Pipelined requests are answered in"
                  + " order either way.")
          boolean keepAlive,
      @Doc(IoTransportChoice.DOC) IoTransportChoice transport,
      TlsConfig tls) {

    public static final Network DEFAULTS =
        new Network(
            ListenConfig.everywhere(3000),
            TcpConfig.DEFAULTS,
            true,
            IoTransportChoice.AUTO,
            TlsConfig.DEFAULTS);
  }

  /** The {@code [protocol]} section. */
  @Doc("Tracker protocol: paths, peers and intervals.")
  public record Protocol(
      @Doc("Path of announce requests (the path of the torrent's announce URL).")
          String announcePath,
      @Doc(
              "Path of scrape requests (BEP 48: the announce path with \"announce\" replaced by"
                  + " \"scrape\").")
          String scrapePath,
      @Doc(
              "Maximum info hashes answered in one scrape; extra hashes are ignored and counted."
                  + " Each fully percent-encoded hash takes 71 bytes of the request line, so"
                  + " limits.max_request_line_length must leave room for them (checked at"
                  + " start-up).")
          @Range(min = 1, max = 10_000)
          int maxScrapeTorrents,
      @Doc("Maximum peers in one announce response; numwant = 0 or absent asks for this many.")
          @Range(min = 0, max = 1000)
          int maxPeers,
      @Doc("Seconds clients are asked to wait between announces (interval).")
          @Range(min = 1, max = 86_400)
          int peerAnnounceInterval,
      @Doc(
              "Seconds clients must wait at least between announces (min interval); at most"
                  + " peer_announce_interval. Also sent with the shutdown failure response.")
          @Range(min = 0, max = 86_400)
          int minAnnounceInterval) {

    public static final Protocol DEFAULTS =
        new Protocol("/announce", "/scrape", 100, 50, 900, 60);

    public Protocol {
      checkPath("announce_path", announcePath);
      checkPath("scrape_path", scrapePath);
      if (announcePath.equals(scrapePath)) {
        throw new IllegalArgumentException(
            "announce_path and scrape_path must differ: both are " + announcePath);
      }
      if (minAnnounceInterval > peerAnnounceInterval) {
        throw new IllegalArgumentException(
            "min_announce_interval ("
                + minAnnounceInterval
                + ") must not exceed peer_announce_interval ("
                + peerAnnounceInterval
                + ")");
      }
    }

    private static void checkPath(String key, String path) {
      if (!path.startsWith("/") || path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
        throw new IllegalArgumentException(
            key + " must start with / and contain no ? or #: \"" + path + "\"");
      }
    }
  }

  /** The {@code [limits]} section. */
  @Doc(
      "Per-connection limits. Hitting one answers with an HTTP error status where the request can"
          + " still be answered, closes that connection only, and is counted in"
          + " aquatic_http_limits_hit_total (write_buffer_size and max_pipelined_requests pause"
          + " reading instead, counted as backpressure).")
  public record Limits(
      @Doc(
              "Longest request line (method, target, version) in bytes; longer gets status 414."
                  + " Scrapes need about 71 bytes per info hash.")
          @Range(min = 256, max = 1_048_576)
          int maxRequestLineLength,
      @Doc("Most bytes of all header lines of one request together; more gets status 431.")
          @Range(min = 256, max = 1_048_576)
          int maxHeaderBytes,
      @Doc("Most header lines in one request; more gets status 431.")
          @Range(min = 1, max = 1000)
          int maxHeaders,
      @Doc(
              "Largest request body accepted and ignored, in bytes (tracker requests have none);"
                  + " a larger Content-Length gets status 413.")
          @Range(min = 0, max = 1_048_576)
          int maxRequestBodySize,
      @Doc(
              "Milliseconds a client has to send a complete request head once its first byte has"
                  + " arrived; slower clients are disconnected (slow-loris protection).")
          @Range(min = 10, max = 600_000)
          int requestTimeoutMs,
      @Doc("Seconds a connection may stay without traffic before it is closed.")
          @Range(min = 1, max = 86_400)
          int maxConnectionIdle,
      @Doc(
              "Most open connections of the whole tracker; connections beyond are closed at once."
                  + " Lowered at start-up, with a warning, to the process's file descriptor limit"
                  + " (LimitNOFILE, ulimit -n) minus a reserve for everything else.")
          @Range(min = 1, max = 10_000_000)
          int maxConnections,
      @Doc(
              "Milliseconds from accept within which a connection must send its first byte;"
                  + " silent ones are closed (like nginx's client_header_timeout), so they cannot"
                  + " hold max_connections for max_connection_idle.")
          @Range(min = 10, max = 600_000)
          int firstByteTimeoutMs,
      @Doc(
              "Bytes of responses queued unsent on one connection (a client that pipelines and"
                  + " does not read) above which the tracker stops reading its requests, until"
                  + " everything queued has been sent. A connection costs at most about this plus"
                  + " the responses to one read of requests (64 KiB of input).")
          @Range(min = 1024, max = 67_108_864)
          int writeBufferSize,
      @Doc(
              "Pipelined requests answered from one read before reading stops, as with"
                  + " write_buffer_size, until their responses have been sent: the most requests"
                  + " in flight, and the most work one connection gets per turn of its worker.")
          @Range(min = 1, max = 65_536)
          int maxPipelinedRequests,
      @Doc(
              "Milliseconds a connection whose reading stopped may take to take its responses;"
                  + " one that does not drain in time is closed.")
          @Range(min = 10, max = 600_000)
          int drainTimeoutMs) {

    public static final Limits DEFAULTS =
        new Limits(8192, 8192, 32, 1024, 10_000, 180, 100_000, 10_000, 65_536, 64, 10_000);
  }

  /** The {@code [reverse_proxy]} section. */
  @Doc(
      "Running behind a reverse proxy: take the client address from a header the proxy sets, but"
          + " only on connections from trusted_proxies. Keep it off when clients connect directly:"
          + " otherwise they could claim any address.")
  public record ReverseProxy(
      @Doc("Read the client address from ip_header on connections from trusted_proxies.")
          boolean enabled,
      @Doc(
              "Header holding the client address: x_forwarded_for (the last address of all"
                  + " X-Forwarded-For headers: the one the proxy appended), x_real_ip, or"
                  + " forwarded (RFC 7239: the for= of the last element). A missing or unparsable"
                  + " header gets a failure response and is counted.")
          ReverseProxyHeader ipHeader,
      @Doc(
              "Networks of the proxies, as CIDRs (10.0.0.0/8, ::1/128) or single addresses."
                  + " Connections from elsewhere are served with their own address and the header"
                  + " is ignored.")
          List<String> trustedProxies) {

    public static final ReverseProxy DEFAULTS =
        new ReverseProxy(
            false, ReverseProxyHeader.X_FORWARDED_FOR, List.of("127.0.0.1/32", "::1/128"));

    public ReverseProxy {
      trustedProxies = List.copyOf(trustedProxies);
      for (String cidr : trustedProxies) {
        Cidr.parse(cidr); // throws IllegalArgumentException naming the bad entry
      }
    }
  }

  /** The {@code [cleaning]} section. */
  @Doc("Expiry of peers.")
  public record Cleaning(
      @Doc("Seconds between sweeps that remove expired peers and empty torrents.")
          @Range(min = 1, max = 3600)
          int torrentCleaningInterval,
      @Doc("Seconds after its last announce that a peer is removed.")
          @Range(min = 1, max = 86_400)
          int maxPeerAge) {

    public static final Cleaning DEFAULTS = new Cleaning(120, 1800);
  }
}
