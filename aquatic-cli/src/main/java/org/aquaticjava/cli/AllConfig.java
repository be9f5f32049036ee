package org.aquaticjava.cli;

import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.ConfigChecks;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.config.Inline;
import org.aquaticjava.core.config.ListenConfig;
import org.aquaticjava.core.config.LogLevel;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.aquaticjava.core.config.SwarmExpiryConfig;
import org.aquaticjava.http.HttpConfig;
import org.aquaticjava.udp.UdpConfig;
import org.aquaticjava.ws.WsConfig;

/**
 * Configuration of {@code aquatic all}: the shared tables once at the top level, and a table per
 * protocol, {@code [udp]}, {@code [http]}, {@code [ws]}, holding {@code enabled} and, inlined, that
 * protocol's own config ({@link UdpConfig}, {@link HttpConfig}, {@link WsConfig}: the same records,
 * so {@code [udp.network]} has exactly the keys of {@code [network]} in {@code aquatic udp}) without
 * the keys the top level has ({@link Inline#omit}). {@link #udpConfig()} and friends put the two
 * back together into the config each protocol's tracker runs with.
 *
 * <p>The compact constructor checks what only the whole file can: at least one protocol on, each
 * announce interval against the shared peer expiry, no two enabled listeners of one transport on
 * one port and address family, and distinct snapshot files; each problem names its key path.
 */
@Doc(
    "aquatic all: the UDP, HTTP and WebTorrent trackers in one process, with one access list, one"
        + " metrics endpoint, and one swarm store that UDP and HTTP announce into.")
public record AllConfig(
    @Doc("Log level: off, error, warn, info, debug or trace.") LogLevel logLevel,
    SwarmExpiryConfig cleaning,
    AccessListConfig accessList,
    MetricsConfig metrics,
    @Doc("(On by default in aquatic all, on loopback.)") StatsConfig stats,
    @Doc("(Of the UDP and HTTP swarms; [ws.persistence] saves the WebTorrent ones.)")
        PersistenceConfig persistence,
    ClusterConfig cluster,
    @Doc("(One table for the three protocols; each keeps its own buckets.)") RateLimitConfig rateLimit,
    @Doc("(One table for the three protocols; each socket worker sheds on its own.)")
        OverloadConfig overload,
    Udp udp,
    Http http,
    Ws ws) {

  /** The {@code [udp]} table. */
  @Doc("The UDP tracker (BEP 15): the keys of aquatic udp, without the shared ones.")
  public record Udp(
      @Doc("Run the UDP tracker.") boolean enabled,
      @Inline(
              omit = {
                "log_level",
                "access_list",
                "metrics",
                "stats",
                "persistence",
                "cluster",
                "rate_limit",
                "overload",
                "cleaning.torrent_cleaning_interval",
                "cleaning.max_peer_age"
              })
          UdpConfig config) {}

  /** The {@code [http]} table. */
  @Doc("The HTTP tracker: the keys of aquatic http, without the shared ones.")
  public record Http(
      @Doc("Run the HTTP tracker.") boolean enabled,
      @Inline(
              omit = {
                "log_level", "access_list", "metrics", "stats", "persistence", "cluster", "rate_limit",
                "overload", "cleaning"
              })
          HttpConfig config) {}

  /** The {@code [ws]} table. */
  @Doc(
      "The WebTorrent tracker: the keys of aquatic ws, without the shared ones. Its swarms are its"
          + " own (WebRTC peers are reached through their connections, not by IP and port).")
  public record Ws(
      @Doc("Run the WebTorrent tracker.") boolean enabled,
      @Inline(omit = {"log_level", "access_list", "metrics", "stats", "rate_limit", "overload"})
          WsConfig config) {}

  /**
   * Warm restart is on by default here (aquatic udp|http|ws leave it off): the snapshots go to
   * the working directory, which the Debian package's unit sets to its state directory,
   * /var/lib/aquatic.
   */
  static final String SWARMS_SNAPSHOT = "aquatic-swarms.snapshot";

  /** The WebTorrent tracker's completed counts, beside {@link #SWARMS_SNAPSHOT}. */
  static final String WEBTORRENT_SNAPSHOT = "aquatic-webtorrent.snapshot";

  /** UDP, HTTP and WebTorrent listen on distinct ports: 3000 (UDP), 3001 and 3002 (TCP). */
  public static final AllConfig DEFAULTS =
      new AllConfig(
          LogLevel.INFO,
          SwarmExpiryConfig.DEFAULTS,
          AccessListConfig.DEFAULTS,
          MetricsConfig.DEFAULTS,
          StatsConfig.LOOPBACK_DEFAULT,
          new PersistenceConfig(SWARMS_SNAPSHOT, PersistenceConfig.DEFAULTS.snapshotInterval()),
          ClusterConfig.DEFAULTS,
          RateLimitConfig.DEFAULTS,
          OverloadConfig.DEFAULTS,
          new Udp(true, udpDefaults()),
          new Http(true, httpDefaults()),
          new Ws(true, wsDefaults()));

  public AllConfig {
    final ConfigChecks checks = new ConfigChecks();
    checks.require(
        udp.enabled() || http.enabled() || ws.enabled(),
        "udp.enabled, http.enabled and ws.enabled are all false: nothing to run");
    if (udp.enabled()) {
      checks.notAbove(
          "udp.protocol.peer_announce_interval",
          udp.config().protocol().peerAnnounceInterval(),
          "cleaning.max_peer_age",
          cleaning.maxPeerAge(),
          "peers would expire between their announces");
    }
    if (http.enabled()) {
      checks.notAbove(
          "http.protocol.peer_announce_interval",
          http.config().protocol().peerAnnounceInterval(),
          "cleaning.max_peer_age",
          cleaning.maxPeerAge(),
          "peers would expire between their announces");
    }
    final String wsSnapshot = ws.config().persistence().path();
    checks.require(
        !ws.enabled() || wsSnapshot.isEmpty() || !wsSnapshot.equals(persistence.path()),
        "ws.persistence.path and persistence.path are both " + wsSnapshot
            + ": the WebTorrent and the UDP/HTTP swarms need a snapshot file each");
    portClashes(checks, listeners(udp, http, ws, metrics, stats, cluster));
    checks.throwIfAny();
  }

  /** One socket a config asks for: the key naming it, its transport, family and port. */
  private record Listener(String key, String transport, String family, int port) {}

  private static List<Listener> listeners(
      Udp udp,
      Http http,
      Ws ws,
      MetricsConfig metrics,
      StatsConfig stats,
      ClusterConfig cluster) {
    final List<Listener> listeners = new ArrayList<>();
    if (udp.enabled()) {
      add(listeners, "udp.network", "UDP", udp.config().network().listen());
    }
    if (http.enabled()) {
      add(listeners, "http.network", "TCP", http.config().network().listen());
    }
    if (ws.enabled()) {
      add(listeners, "ws.network", "TCP", ws.config().network().listen());
    }
    if (metrics.runPrometheusEndpoint()) {
      addTcp(listeners, "metrics.prometheus_endpoint_address", metrics.prometheusEndpointAddress());
    }
    if (stats.enabled()) {
      addTcp(listeners, "stats.address", stats.address());
    }
    if (cluster.enabled() && (udp.enabled() || http.enabled())) {
      addTcp(listeners, "cluster.bind_address", cluster.bindAddress());
    }
    return listeners;
  }

  private static void addTcp(List<Listener> out, String key, String hostPort) {
    final HostPort address = HostPort.parse(hostPort);
    out.add(
        new Listener(key, "TCP", address.host().contains(":") ? "IPv6" : "IPv4", address.port()));
  }

  private static void add(List<Listener> out, String table, String transport, ListenConfig listen) {
    if (listen.useIpv4()) {
      out.add(
          new Listener(
              table + ".address_ipv4", transport, "IPv4", HostPort.parse(listen.addressIpv4()).port()));
    }
    if (listen.useIpv6()) {
      out.add(
          new Listener(
              table + ".address_ipv6", transport, "IPv6", HostPort.parse(listen.addressIpv6()).port()));
    }
  }

  /**
   * Two listeners of one transport on one port and address family cannot both bind (whatever
   * their addresses: the wildcard of one covers the other). UDP and TCP ports are apart: UDP 3000
   * and TCP 3000 coexist, as opentracker serves udp:// and http:// on one port. Port 0 is a free
   * port picked at bind, never a clash.
   */
  private static void portClashes(ConfigChecks checks, List<Listener> listeners) {
    for (int i = 0; i < listeners.size(); i++) {
      for (int j = 0; j < i; j++) {
        final Listener a = listeners.get(j);
        final Listener b = listeners.get(i);
        checks.require(
            b.port() == 0
                || b.port() != a.port()
                || !b.transport().equals(a.transport())
                || !b.family().equals(a.family()),
            b.key() + ": " + b.transport() + " port " + b.port() + " (" + b.family()
                + ") is also " + a.key() + "'s: two listeners cannot share it");
      }
    }
  }

  /** The config the UDP tracker runs with: its own keys, and the shared ones from the top level. */
  public UdpConfig udpConfig() {
    final UdpConfig own = udp.config();
    return new UdpConfig(
        own.socketWorkers(),
        logLevel,
        own.network(),
        own.protocol(),
        new UdpConfig.Cleaning(
            cleaning.torrentCleaningInterval(),
            own.cleaning().maxConnectionAge(),
            own.cleaning().connectionIdGrace(),
            cleaning.maxPeerAge()),
        accessList,
        metrics,
        persistence,
        cluster,
        stats,
        rateLimit,
        overload);
  }

  /** The config the HTTP tracker runs with: its own keys, and the shared ones. */
  public HttpConfig httpConfig() {
    final HttpConfig own = http.config();
    return new HttpConfig(
        own.socketWorkers(),
        logLevel,
        own.network(),
        own.protocol(),
        own.limits(),
        own.reverseProxy(),
        new HttpConfig.Cleaning(cleaning.torrentCleaningInterval(), cleaning.maxPeerAge()),
        accessList,
        metrics,
        persistence,
        cluster,
        stats,
        rateLimit,
        overload);
  }

  /** The config the WebTorrent tracker runs with: its own keys (its swarms' expiry too), and the shared ones. */
  public WsConfig wsConfig() {
    final WsConfig own = ws.config();
    return new WsConfig(
        own.socketWorkers(),
        logLevel,
        own.network(),
        own.limits(),
        own.protocol(),
        own.cleaning(),
        accessList,
        metrics,
        own.persistence(),
        stats,
        rateLimit,
        overload);
  }

  /*
   * The protocols' defaults, changed where aquatic all needs it: distinct ports, and the UDP and
   * HTTP records' own peer expiry at the maximum. That key is omitted here (the top-level
   * cleaning.max_peer_age replaces it), so the protocol record's own check of its announce
   * interval against it must never fire; this record checks against the shared one instead.
   */

  /** The largest {@code max_peer_age} the protocol records accept. */
  private static final int MAX_PEER_AGE = 86_400;

  private static UdpConfig udpDefaults() {
    final UdpConfig c = UdpConfig.DEFAULTS;
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        c.protocol(),
        new UdpConfig.Cleaning(
            c.cleaning().torrentCleaningInterval(),
            c.cleaning().maxConnectionAge(),
            c.cleaning().connectionIdGrace(),
            MAX_PEER_AGE),
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  private static HttpConfig httpDefaults() {
    final HttpConfig c = HttpConfig.DEFAULTS;
    final HttpConfig.Network n = c.network();
    return new HttpConfig(
        c.socketWorkers(),
        c.logLevel(),
        new HttpConfig.Network(
            ListenConfig.everywhere(3001), n.tcp(), n.keepAlive(), n.transport(), n.tls()),
        c.protocol(),
        c.limits(),
        c.reverseProxy(),
        new HttpConfig.Cleaning(c.cleaning().torrentCleaningInterval(), MAX_PEER_AGE),
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  private static WsConfig wsDefaults() {
    final WsConfig c = WsConfig.DEFAULTS;
    final WsConfig.Network n = c.network();
    return new WsConfig(
        c.socketWorkers(),
        c.logLevel(),
        new WsConfig.Network(
            ListenConfig.everywhere(3002),
            n.tcp(),
            n.socketSendBufferSize(),
            n.websocketPath(),
            n.transport(),
            n.tls()),
        c.limits(),
        c.protocol(),
        c.cleaning(),
        c.accessList(),
        c.metrics(),
        new PersistenceConfig(WEBTORRENT_SNAPSHOT, c.persistence().snapshotInterval()),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }
}
