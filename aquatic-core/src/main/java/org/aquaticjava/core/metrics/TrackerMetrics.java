package org.aquaticjava.core.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.swarm.BusyTorrent;

/**
 * The metrics registry of one process's trackers, and the one schema of the metrics they share.
 * Each {@code TrackerMetrics} has its own {@link PrometheusRegistry} rather than the global default,
 * so independent trackers in one JVM (tests) never collide.
 *
 * <p><b>One name, one label set, registered once.</b> {@code aquatic all} runs UDP, HTTP and
 * WebTorrent on one registry. A metric more than one of them reports is a family of this class
 * ({@link #requests()}, {@link #responses()}, {@link #activeConnections()}, ...): registered by the
 * first that asks, returned to the others, its first label {@value #PROTOCOL} ({@code udp},
 * {@code http}, {@code ws}) telling them apart. Metrics fed by callbacks from several places (swarm
 * counts, TLS certificates, snapshots) are {@link #gaugeSource gauge} and {@link #counterSource
 * counter} sources of one family each; asking for a name again with other label names fails. A
 * metric only one protocol reports carries the protocol in its name ({@code aquatic_http_...}) or,
 * with aquatic's name, the {@value #PROTOCOL} label too.
 *
 * <p>Register everything at start-up; scraping is thread-safe.
 */
public final class TrackerMetrics {
  /** The label naming the protocol that counted a data point: udp, http or ws. */
  public static final String PROTOCOL = "protocol";

  /**
   * The label naming a set of swarms: {@value #BITTORRENT_SWARMS} (UDP and HTTP peers, keyed by IP
   * and port, one store) or {@value #WEBTORRENT_SWARMS} (WebRTC peers, keyed by peer id).
   */
  public static final String SWARMS = "swarms";

  /** {@link #SWARMS} value of the (IP, port) store that UDP and HTTP announce into. */
  public static final String BITTORRENT_SWARMS = "bittorrent";

  /** {@link #SWARMS} value of the WebTorrent tracker's swarms. */
  public static final String WEBTORRENT_SWARMS = "webtorrent";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, Family> families = new HashMap<>();
  private final Map<String, Sources<?>> sources = new HashMap<>();
  private final Map<String, SwarmCounts> swarmCounts = new java.util.LinkedHashMap<>();

  /** A shared metric with its label names. */
  private record Family(List<String> labelNames, Object metric) {}

  /** The callbacks that feed one callback metric, each adding its own data points. */
  private record Sources<C>(List<String> labelNames, List<Consumer<C>> callbacks) {}

  /** What a swarm count gauge reads: torrents and peers of one address family. */
  public interface SwarmCounts {
    /** Torrents with at least one peer. */
    long torrents(boolean ipv6);

    /** Peers. */
    long peers(boolean ipv6);

    /** Of the peers, those that announced they have the whole content ({@code left=0}). */
    long seeders(boolean ipv6);

    /**
     * The torrents with the most peers, most first ({@link
     * org.aquaticjava.core.swarm.BusiestTorrents#MAX} at most), as of the latest cleaning: the
     * pass that visits every torrent anyway collects them.
     */
    List<BusyTorrent> busiest(boolean ipv6);
  }

  /** A registry with the JVM and process metrics ({@link JvmMetrics}) already registered. */
  public static TrackerMetrics withJvmMetrics() {
    final TrackerMetrics metrics = new TrackerMetrics();
    JvmMetrics.register(metrics.registry);
    return metrics;
  }

  /**
   * Registers a counter meant for the request path: without exemplars, whose sampler would
   * otherwise run (and allocate a lambda) on every increment.
   */
  public Counter hotPathCounter(String name, String help, String... labelNames) {
    return hotPathCounter(registry, name, help, labelNames);
  }

  /** {@link #hotPathCounter(String, String, String...)} in any registry. */
  public static Counter hotPathCounter(
      PrometheusRegistry registry, String name, String help, String... labelNames) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames)
        .withoutExemplars()
        .register(registry);
  }

  /**
   * {@code aquatic_requests_total{protocol, type, ip_version, worker_index}}: requests (UDP
   * datagrams, HTTP requests, WebTorrent messages) received, by type.
   */
  public Counter requests() {
    return sharedCounter(
        "aquatic_requests_total",
        "Requests received (UDP datagrams, HTTP requests, WebTorrent messages), by protocol and type",
        PROTOCOL, "type", "ip_version", "worker_index");
  }

  /** {@code aquatic_responses_total{protocol, type, ip_version, worker_index}}: responses sent. */
  public Counter responses() {
    return sharedCounter(
        "aquatic_responses_total",
        "Tracker responses sent (WebTorrent: messages queued to clients), by protocol and type",
        PROTOCOL, "type", "ip_version", "worker_index");
  }

  /**
   * {@code aquatic_scrape_info_hashes_truncated_total{protocol, ip_version, worker_index}}: info
   * hashes of a scrape beyond {@code max_scrape_torrents}, ignored.
   */
  public Counter scrapeInfoHashesTruncated() {
    return sharedCounter(
        "aquatic_scrape_info_hashes_truncated_total",
        "Info hashes ignored because a scrape held more than max_scrape_torrents",
        PROTOCOL, "ip_version", "worker_index");
  }

  /** {@code aquatic_active_connections{protocol, ip_version, worker_index}}: open TCP connections. */
  public synchronized Gauge activeConnections() {
    return (Gauge)
        family(
            "aquatic_active_connections",
            List.of(PROTOCOL, "ip_version", "worker_index"),
            () ->
                Gauge.builder()
                    .name("aquatic_active_connections")
                    .help("Open connections (WebTorrent: handshake completed), by protocol")
                    .labelNames(PROTOCOL, "ip_version", "worker_index")
                    .register(registry));
  }

  /** {@code aquatic_accept_errors_total{protocol, reason}}: failed accept() calls of listeners. */
  public Counter acceptErrors() {
    return sharedCounter(
        "aquatic_accept_errors_total",
        "Failed accept() calls of the listening sockets, by protocol and errno; each pauses accepting",
        PROTOCOL, "reason");
  }

  /**
   * {@code aquatic_source_limits_hit_total{protocol, limit, worker_index}}: requests refused by a
   * per-source limit ({@code [rate_limit]}).
   */
  public Counter sourceLimitHits() {
    return sharedCounter(
        "aquatic_source_limits_hit_total",
        "Requests refused by a per-source limit ([rate_limit]), by protocol and limit",
        PROTOCOL, "limit", "worker_index");
  }

  /** {@code aquatic_source_bans_total{protocol, worker_index}}: sources banned. */
  public Counter sourceBans() {
    return sharedCounter(
        "aquatic_source_bans_total",
        "Sources banned for sending too many invalid requests, by protocol",
        PROTOCOL, "worker_index");
  }

  /** {@code aquatic_tls_handshake_failures_total{protocol, reason}}. */
  public Counter tlsHandshakeFailures() {
    return sharedCounter(
        "aquatic_tls_handshake_failures_total",
        "TLS handshakes that failed, by protocol and reason",
        PROTOCOL, "reason");
  }

  /**
   * {@code aquatic_tls_handshakes_total{protocol, kind}}: successful handshakes, {@code kind}
   * {@code full} or {@code resumed} (a session ticket or a cached TLS 1.2 session).
   */
  public Counter tlsHandshakes() {
    return sharedCounter(
        "aquatic_tls_handshakes_total",
        "Successful TLS handshakes, by protocol and kind (full, or resumed from a ticket or the"
            + " session cache; BoringSSL only)",
        PROTOCOL, "kind");
  }

  /**
   * Adds one set of swarms to {@code aquatic_torrents{swarms, ip_version}}, {@code
   * aquatic_peers{swarms, ip_version}} and {@code aquatic_seeders{swarms, ip_version}}, and to
   * {@link #swarmCounts()}. How fresh the counts are is the set's: the (IP, port) store counts at
   * each cleaning, the WebTorrent swarms on every change.
   *
   * @param swarms {@link #BITTORRENT_SWARMS} or {@link #WEBTORRENT_SWARMS}
   * @throws IllegalStateException if that set is registered already
   */
  public synchronized void registerSwarmCounts(String swarms, SwarmCounts counts) {
    if (swarmCounts.putIfAbsent(swarms, counts) != null) {
      throw new IllegalStateException("swarm counts of " + swarms + " are registered already");
    }
    final String freshness =
        ", by set of swarms (bittorrent: as of the latest cleaning; webtorrent: live)";
    familyGauge(
        "aquatic_torrents", "Torrents with at least one peer" + freshness, swarms, counts::torrents);
    familyGauge("aquatic_peers", "Peers" + freshness, swarms, counts::peers);
    familyGauge(
        "aquatic_seeders", "Peers that have the whole content" + freshness, swarms, counts::seeders);
  }

  /** A count of one address family. */
  @FunctionalInterface
  private interface ByFamily {
    long count(boolean ipv6);
  }

  /** Adds {@code swarms}' two data points, {@code ip_version} 4 and 6, to the gauge {@code name}. */
  private void familyGauge(String name, String help, String swarms, ByFamily count) {
    gaugeSource(
        name,
        help,
        List.of(SWARMS, "ip_version"),
        cb -> {
          cb.call(count.count(false), swarms, "4");
          cb.call(count.count(true), swarms, "6");
        });
  }

  /**
   * The registered sets of swarms ({@link #BITTORRENT_SWARMS}, {@link #WEBTORRENT_SWARMS}) with
   * their counts, in the order of registration: what the stats page reads.
   */
  public synchronized Map<String, SwarmCounts> swarmCounts() {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(swarmCounts));
  }

  /**
   * Adds {@code source}'s data points to the gauge {@code name}, registering it on first use. Its
   * label values come in the order of {@code labelNames}.
   *
   * @throws IllegalStateException if {@code name} exists with other label names or another kind
   */
  public synchronized void gaugeSource(
      String name, String help, List<String> labelNames, Consumer<GaugeWithCallback.Callback> source) {
    final Sources<GaugeWithCallback.Callback> family =
        sources(
            name,
            labelNames,
            callbacks ->
                GaugeWithCallback.builder()
                    .name(name)
                    .help(help)
                    .labelNames(labelNames.toArray(String[]::new))
                    .callback(cb -> callbacks.forEach(c -> c.accept(cb)))
                    .register(registry));
    family.callbacks().add(source);
  }

  /** Like {@link #gaugeSource}, for a counter read by callback. */
  public synchronized void counterSource(
      String name,
      String help,
      List<String> labelNames,
      Consumer<CounterWithCallback.Callback> source) {
    final Sources<CounterWithCallback.Callback> family =
        sources(
            name,
            labelNames,
            callbacks ->
                CounterWithCallback.builder()
                    .name(name)
                    .help(help)
                    .labelNames(labelNames.toArray(String[]::new))
                    .callback(cb -> callbacks.forEach(c -> c.accept(cb)))
                    .register(registry));
    family.callbacks().add(source);
  }

  @SuppressWarnings("unchecked")
  private <C> Sources<C> sources(
      String name, List<String> labelNames, Consumer<List<Consumer<C>>> register) {
    final Sources<?> existing = sources.get(name);
    if (existing != null) {
      requireLabels(name, existing.labelNames(), labelNames);
      return (Sources<C>) existing;
    }
    final Sources<C> created = new Sources<>(List.copyOf(labelNames), new CopyOnWriteArrayList<>());
    register.accept(created.callbacks());
    sources.put(name, created);
    return created;
  }

  private synchronized Counter sharedCounter(String name, String help, String... labelNames) {
    return (Counter)
        family(name, List.of(labelNames), () -> hotPathCounter(registry, name, help, labelNames));
  }

  private Object family(
      String name, List<String> labelNames, java.util.function.Supplier<Object> register) {
    final Family existing = families.get(name);
    if (existing != null) {
      requireLabels(name, existing.labelNames(), labelNames);
      return existing.metric();
    }
    final Object created = register.get();
    families.put(name, new Family(labelNames, created));
    return created;
  }

  private static void requireLabels(String name, List<String> have, List<String> asked) {
    if (!have.equals(asked)) {
      throw new IllegalStateException("metric " + name + " has labels " + have + ", not " + asked);
    }
  }

  /** The registry to add counters to and to serve at {@code /metrics}. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Exports {@code aquatic_access_list_entries} and {@code
   * aquatic_access_list_reloads_total{result="success|failure"}}, read at scrape time.
   */
  public void registerAccessList(AccessListHolder accessList) {
    GaugeWithCallback.builder()
        .name("aquatic_access_list_entries")
        .help("Info hashes in the access list in force")
        .callback(callback -> callback.call(accessList.current().size()))
        .register(registry);
    CounterWithCallback.builder()
        .name("aquatic_access_list_reloads_total")
        .help("Access list reloads since start, by result")
        .labelNames("result")
        .callback(
            callback -> {
              callback.call(accessList.reloadSuccesses(), "success");
              callback.call(accessList.reloadFailures(), "failure");
            })
        .register(registry);
  }
}
