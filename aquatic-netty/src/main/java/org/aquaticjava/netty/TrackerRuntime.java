package org.aquaticjava.netty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aquaticjava.cluster.ClusterNode;
import org.aquaticjava.core.access.AccessListException;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.files.PolledFileWatcher;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.persist.SnapshotReader;
import org.aquaticjava.core.persist.WarmRestart;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.tracker.SwarmCleaning;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Supervisor;
import org.aquaticjava.netty.tls.TlsContextProvider;
import org.aquaticjava.netty.tls.TlsCredentialsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a tracker runs besides its sockets, whatever the protocol: clock, swarm store and its
 * cleaning worker, access list with its file watcher and SIGUSR1/SIGHUP reload, metrics registry and
 * endpoint, warm restart (snapshot loaded at start, written periodically and at {@link #close}),
 * and the supervisor that turns any worker's death into a fatal exit.
 *
 * <p>A protocol whose swarms are not keyed by (IP, port) (WebTorrent: peer ids and connections)
 * starts it with {@link #startWithoutSwarmStore} and brings its own swarm state and cleaning.
 *
 * <p>Start it before binding sockets and close it after the sockets are closed.
 */
public final class TrackerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TrackerRuntime.class);
  /**
   * Signals that run the reload actions: SIGUSR1 like aquatic, and SIGHUP, which opentracker's
   * operators use to reload lists (without a handler it would terminate the JVM).
   */
  static final List<String> RELOAD_SIGNALS = List.of("USR1", "HUP");

  private final ServerClock clock;
  private final @Nullable SwarmStore store;
  private final AccessListHolder accessList;
  private final TrackerMetrics metrics;
  private final Supervisor supervisor;
  private final @Nullable SwarmCleaning cleaning;
  private final @Nullable WarmRestart warmRestart;
  private final @Nullable ClusterNode cluster;
  private final List<Runnable> reloadActions = new CopyOnWriteArrayList<>();
  private volatile Optional<MetricsEndpoint> metricsEndpoint = Optional.empty();
  private volatile Optional<StatsEndpoint> statsEndpoint = Optional.empty();
  private final Instant startedAt = Instant.now();
  private final @Nullable SwarmSettings swarm;
  private final PersistenceConfig persistence;
  private final List<Signals.Registration> signalRegistrations = new ArrayList<>();
  private final List<FileDescriptorBudget.Claim> connectionClaims = new CopyOnWriteArrayList<>();
  private final List<FileDescriptorBudget.Declaration> connectionDeclarations =
      new CopyOnWriteArrayList<>();
  private volatile boolean keysByProtocol;

  private TrackerRuntime(
      @Nullable SwarmSettings swarm,
      PersistenceConfig persistence,
      AccessListHolder accessList,
      Supervisor supervisor,
      TrackerMetrics metrics,
      @Nullable WarmRestart warmRestart,
      @Nullable ClusterNode cluster) {
    this.accessList = accessList;
    this.supervisor = supervisor;
    this.swarm = swarm;
    this.persistence = persistence;
    this.metrics = metrics;
    this.warmRestart = warmRestart;
    this.cluster = cluster;
    if (swarm == null || warmRestart == null) {
      this.clock = ServerClock.startingNow();
      this.store = null;
      this.cleaning = null;
    } else {
      this.clock = warmRestart.clock();
      this.store = warmRestart.store();
      this.cleaning =
          new SwarmCleaning(store, clock, accessList::current, swarm.cleaningIntervalSeconds());
    }
  }

  /** A cluster node's swarms: the cluster's by state transfer, or (first node) this tracker's snapshot. */
  private static ClusterNode.Swarms swarms(
      SwarmSettings swarm, PersistenceConfig persistence, AccessListHolder accessList) {
    return new ClusterNode.Swarms() {
      @Override
      public WarmRestart fromTransfer(SnapshotReader reader, String source) throws IOException {
        return WarmRestart.fromTransfer(persistence, swarm, accessList.current(), source, reader);
      }

      @Override
      public WarmRestart local() {
        return WarmRestart.restore(persistence, swarm, accessList.current());
      }
    };
  }

  /**
   * Loads the access list (a bad file stops start-up), creates the store (restored from the
   * snapshot when {@code persistence} is on; a bad snapshot never stops start-up) and starts the
   * cleaning worker, the snapshot worker, the access-list watcher and the SIGUSR1 and SIGHUP
   * handlers. The metrics endpoint starts with
   * {@link #startMetricsEndpoint}, once the protocol has registered its metrics.
   *
   * @throws AccessListException if the access list is on and its file cannot be loaded
   */
  public static TrackerRuntime start(
      SwarmSettings swarm,
      AccessListConfig accessListConfig,
      PersistenceConfig persistence,
      ClusterConfig clusterConfig,
      FatalExit fatalExit)
      throws Exception {
    Objects.requireNonNull(swarm, "swarm");
    final AccessListHolder accessList = AccessListHolder.load(accessListConfig);
    final TrackerMetrics metrics = TrackerMetrics.withJvmMetrics();
    final ClusterNode cluster =
        clusterConfig.enabled()
            ? ClusterNode.start(clusterConfig, swarms(swarm, persistence, accessList), metrics.registry())
            : null;
    final WarmRestart warmRestart =
        cluster != null ? cluster.swarms() : WarmRestart.restore(persistence, swarm, accessList.current());
    return started(
        new TrackerRuntime(
            swarm, persistence, accessList, new Supervisor(fatalExit), metrics, warmRestart, cluster));
  }

  /**
   * Like {@link #start}, but without the (IP, port) swarm store, its cleaning worker and its
   * gauges: {@link #store()} and {@link #cleaning()} then throw. For protocols with their own
   * swarm state (WebTorrent).
   *
   * @throws AccessListException if the access list is on and its file cannot be loaded
   */
  public static TrackerRuntime startWithoutSwarmStore(
      AccessListConfig accessListConfig, FatalExit fatalExit) throws AccessListException {
    return started(
        new TrackerRuntime(
            null,
            PersistenceConfig.DEFAULTS,
            AccessListHolder.load(accessListConfig),
            new Supervisor(fatalExit),
            TrackerMetrics.withJvmMetrics(),
            null,
            null));
  }

  /** Registers the shared metrics and starts the workers and signal handlers of a new runtime. */
  private static TrackerRuntime started(TrackerRuntime runtime) {
    final AccessListHolder accessList = runtime.accessList;
    final PersistenceConfig persistence = runtime.persistence;
    runtime.metrics.registerAccessList(accessList);
    if (runtime.cleaning != null) {
      runtime.cleaning.registerGauges(runtime.metrics);
      runtime.supervisor.start("cleaning", runtime.cleaning);
    }
    if (runtime.warmRestart != null && runtime.warmRestart.enabled()) {
      runtime.warmRestart.registerMetrics(runtime.metrics);
      runtime.supervisor.start("snapshot", runtime.warmRestart);
      log.info(
          "persistence: snapshot every {} s and at shutdown to {}",
          persistence.snapshotInterval(),
          persistence.path());
    }
    accessList.fileWatcher().ifPresent(w -> runtime.supervisor.start("access-list-watch", w));
    if (accessList.usesFile()) {
      log.info(
          "access list: {} mode, {} info hashes from {}",
          accessList.current().mode().name().toLowerCase(Locale.ROOT),
          accessList.current().size(),
          accessList.path());
    }
    log.info(
        "direct memory (socket buffers): at most {} MiB (-XX:MaxDirectMemorySize)",
        DirectMemory.max() >> 20);
    runtime.reloadActions.add(runtime::reloadAccessList);
    for (String signal : RELOAD_SIGNALS) {
      final Signals.Registration registration = Signals.onSignal(signal, runtime::reload);
      if (registration != null) {
        runtime.signalRegistrations.add(registration);
      }
    }
    return runtime;
  }

  /** Serves the registry at {@code /metrics} if the config asks for it. */
  public void startMetricsEndpoint(MetricsConfig config) throws java.io.IOException {
    if (!config.runPrometheusEndpoint()) {
      return;
    }
    final MetricsEndpoint endpoint =
        MetricsEndpoint.start(
            HostPort.parse(config.prometheusEndpointAddress()).toInetSocketAddress(),
            metrics.registry());
    metricsEndpoint = Optional.of(endpoint);
    final InetSocketAddress bound = endpoint.localAddress();
    log.info("metrics: http://{}/metrics", new HostPort(bound.getHostString(), bound.getPort()));
  }

  /**
   * Serves the stats page if the config asks for it, and starts the worker {@code stats-sampler}
   * that samples the request counters once a second for its rates. Call it last, once the
   * protocols and the metrics endpoint run: it shows their addresses.
   *
   * @param protocols the running protocols, shown with their listeners
   */
  public void startStatsEndpoint(StatsConfig config, List<ServedProtocol> protocols)
      throws java.io.IOException {
    if (!config.enabled()) {
      return;
    }
    final RequestRates rates = new RequestRates(metrics);
    final StatsEndpoint endpoint =
        StatsEndpoint.start(
            HostPort.parse(config.address()).toInetSocketAddress(),
            metrics,
            rates,
            protocols,
            configSummary(),
            startedAt);
    statsEndpoint = Optional.of(endpoint);
    supervisor.start("stats-sampler", rates);
    final InetSocketAddress bound = endpoint.localAddress();
    log.info("stats: http://{}/stats", new HostPort(bound.getHostString(), bound.getPort()));
  }

  /** What the stats page shows under "config": the shared services' settings. */
  private Map<String, String> configSummary() {
    final Map<String, String> summary = new LinkedHashMap<>();
    if (swarm != null) {
      summary.put("cleaning.max_peer_age", swarm.maxPeerAgeSeconds() + " s");
      summary.put("cleaning.torrent_cleaning_interval", swarm.cleaningIntervalSeconds() + " s");
      summary.put(
          "persistence",
          persistence.enabled() ? "every " + persistence.snapshotInterval() + " s" : "off");
    }
    summary.put(
        "access_list.mode",
        accessList.usesFile()
            ? accessList.current().mode().name().toLowerCase(Locale.ROOT)
            : "off");
    summary.put("access_list.entries", Integer.toString(accessList.current().size()));
    summary.put(
        "metrics.prometheus_endpoint_address",
        metricsAddress().map(a -> new HostPort(a.getHostString(), a.getPort()).toString())
            .orElse("off"));
    return summary;
  }

  /**
   * Says that the protocols on this runtime read their keys from tables of their own ({@code
   * aquatic all}: {@code [http.limits]}), so messages about a protocol's key name it with that
   * prefix ({@link #configKey}).
   */
  public void nameConfigKeysByProtocol() {
    keysByProtocol = true;
  }

  /**
   * A protocol's config key as the operator's file has it: {@code key}, or {@code
   * protocol.key} after {@link #nameConfigKeysByProtocol}.
   */
  public String configKey(String protocol, String key) {
    return keysByProtocol ? protocol + "." + key : key;
  }

  /**
   * A protocol's config problem with its key paths as the operator's file has them (see {@link
   * #configKey}).
   */
  public ConfigException inProtocolTable(String protocol, ConfigException problem) {
    return keysByProtocol ? problem.within(protocol) : problem;
  }

  /**
   * Declares, before any tracker of this runtime starts, the connections a tracker will {@link
   * #claimConnections claim}, so that a descriptor limit too low for all of them is split in
   * proportion to their settings instead of in the order they start.
   */
  public void declareConnections(String protocol, String key, int configured) {
    connectionDeclarations.add(FileDescriptorBudget.declare(configKey(protocol, key), configured));
  }

  /**
   * The connections a TCP tracker may hold for its setting {@code key} (see {@link #configKey}):
   * {@code configured}, or less, with a warning, where the process's file descriptor limit leaves
   * less after the reserve and other trackers of the process ({@link FileDescriptorBudget}).
   * Given back on {@link #close}.
   */
  public int claimConnections(String protocol, String key, int configured) {
    final FileDescriptorBudget.Claim claim =
        FileDescriptorBudget.claim(configKey(protocol, key), configured);
    connectionClaims.add(claim);
    return claim.granted();
  }

  /**
   * With TLS on: loads the certificate (a bad file stops start-up) and reloads it, for new
   * connections only, on SIGUSR1 and SIGHUP and when its files change (worker {@code
   * <protocol>-tls-watch}); with session tickets, rotates their key (worker {@code
   * <protocol>-tls-ticket-keys}).
   *
   * @param protocol the label of the listeners it serves ({@code http}, {@code ws})
   * @return the provider, or null when TLS is off
   * @throws TlsCredentialsException if the certificate or key cannot be loaded
   */
  public @Nullable TlsContextProvider startTls(TlsConfig config, String protocol)
      throws TlsCredentialsException {
    if (!config.enableTls()) {
      return null;
    }
    final TlsContextProvider tls;
    try {
      tls = TlsContextProvider.start(config, metrics, protocol);
    } catch (TlsCredentialsException e) {
      if (!keysByProtocol) {
        throw e;
      }
      // The message starts with its key (network.tls...), which lives under the protocol's table.
      throw new TlsCredentialsException(configKey(protocol, e.getMessage()), e);
    }
    onReload(tls::reload);
    supervisor.start(
        protocol + "-tls-watch", tls.fileWatcher(PolledFileWatcher.DEFAULT_POLL_INTERVAL));
    if (tls.rotatesTicketKeys()) {
      supervisor.start(protocol + "-tls-ticket-keys", tls.ticketKeyRotation());
    }
    return tls;
  }

  /** Adds something to redo on SIGUSR1 and SIGHUP (e.g. reloading TLS certificates). */
  public void onReload(Runnable action) {
    reloadActions.add(action);
  }

  /** What SIGUSR1 and SIGHUP do: every reload action, each isolated from the others' failures. */
  public void reload() {
    for (Runnable action : reloadActions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.error("reload action failed", e);
      }
    }
  }

  private void reloadAccessList() {
    if (!accessList.usesFile()) {
      return;
    }
    accessList.reload(); // logs its own outcome
  }

  public ServerClock clock() {
    return clock;
  }

  /**
   * The (IP, port) swarm store.
   *
   * @throws IllegalStateException if started {@link #startWithoutSwarmStore without} one
   */
  public SwarmStore store() {
    if (store == null) {
      throw new IllegalStateException("this runtime was started without a swarm store");
    }
    return store;
  }

  /**
   * The key to sign UDP connection ids with: the previous process's when its snapshot was
   * restored, so ids issued before a restart stay valid.
   *
   * @throws IllegalStateException if started {@link #startWithoutSwarmStore without} a store
   */
  public ConnectionIdKey connectionIdKey() {
    return warmRestart().connectionIdKey();
  }

  /**
   * Warm restart of the swarm store (snapshots; off unless configured).
   *
   * @throws IllegalStateException if started {@link #startWithoutSwarmStore without} a store
   */
  public WarmRestart warmRestart() {
    if (warmRestart == null) {
      throw new IllegalStateException("this runtime was started without a swarm store");
    }
    return warmRestart;
  }

  public AccessListHolder accessList() {
    return accessList;
  }

  public TrackerMetrics metrics() {
    return metrics;
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  /**
   * The cleaning worker of the swarm store.
   *
   * @throws IllegalStateException if started {@link #startWithoutSwarmStore without} a store
   */
  public SwarmCleaning cleaning() {
    if (cleaning == null) {
      throw new IllegalStateException("this runtime was started without a swarm store");
    }
    return cleaning;
  }

  /** The bound stats page address, if it runs. */
  public Optional<InetSocketAddress> statsAddress() {
    return statsEndpoint.map(StatsEndpoint::localAddress);
  }

  /** The bound metrics endpoint address, if it runs. */
  public Optional<InetSocketAddress> metricsAddress() {
    return metricsEndpoint.map(MetricsEndpoint::localAddress);
  }

  /**
   * Stops the workers, writes the last snapshot (if persistence is on; call this after the sockets
   * are closed, so it holds every announce that was answered) and stops the metrics endpoint.
   * Does not exit the process.
   */
  @Override
  public void close() {
    signalRegistrations.forEach(Signals.Registration::close);
    supervisor.close();
    if (warmRestart != null) {
      warmRestart.snapshotNow();
    }
    if (cluster != null) {
      cluster.close(); // after the last announce: its changes go out first
    }
    metricsEndpoint.ifPresent(MetricsEndpoint::close);
    statsEndpoint.ifPresent(StatsEndpoint::close);
    connectionDeclarations.forEach(FileDescriptorBudget.Declaration::close);
    connectionDeclarations.clear();
    connectionClaims.forEach(FileDescriptorBudget.Claim::close);
    connectionClaims.clear();
  }
}
