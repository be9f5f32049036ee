package org.aquaticjava.netty;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aquaticjava.core.access.AccessListException;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.tracker.SwarmCleaning;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.core.worker.Supervisor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a tracker runs besides its sockets, whatever the protocol: clock, swarm store and its
 * cleaning worker, access list with its file watcher and SIGUSR1 reload, metrics registry and
 * endpoint, and the supervisor that turns any worker's death into a fatal exit.
 *
 * <p>Start it before binding sockets and close it after the sockets are closed.
 */
public final class TrackerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TrackerRuntime.class);

  private final ServerClock clock;
  private final SwarmStore store;
  private final AccessListHolder accessList;
  private final TrackerMetrics metrics;
  private final Supervisor supervisor;
  private final SwarmCleaning cleaning;
  private final List<Runnable> reloadActions = new CopyOnWriteArrayList<>();
  private volatile Optional<MetricsEndpoint> metricsEndpoint = Optional.empty();
  private Signals.@Nullable Registration signalRegistration;

  private TrackerRuntime(
      SwarmStore store,
      AccessListHolder accessList,
      Supervisor supervisor,
      int cleaningIntervalSeconds) {
    this.clock = ServerClock.startingNow();
    this.store = store;
    this.accessList = accessList;
    this.supervisor = supervisor;
    this.metrics = TrackerMetrics.withJvmMetrics();
    this.cleaning = new SwarmCleaning(store, clock, accessList::current, cleaningIntervalSeconds);
  }

  /**
   * Loads the access list (a bad file stops start-up), creates the store and starts the cleaning
   * worker, the access-list watcher and the SIGUSR1 handler. The metrics endpoint starts with
   * {@link #startMetricsEndpoint}, once the protocol has registered its metrics.
   *
   * @throws AccessListException if the access list is on and its file cannot be loaded
   */
  public static TrackerRuntime start(
      SwarmSettings swarm, AccessListConfig accessListConfig, FatalExit fatalExit)
      throws AccessListException {
    final AccessListHolder accessList = AccessListHolder.load(accessListConfig);
    final TrackerRuntime runtime =
        new TrackerRuntime(
            new SwarmStore(swarm),
            accessList,
            new Supervisor(fatalExit),
            swarm.cleaningIntervalSeconds());
    runtime.metrics.registerAccessList(accessList);
    runtime.cleaning.registerGauges(runtime.metrics.registry());
    runtime.supervisor.start("cleaning", runtime.cleaning);
    accessList.fileWatcher().ifPresent(w -> runtime.supervisor.start("access-list-watch", w));
    if (accessList.usesFile()) {
      log.info(
          "access list: {} mode, {} info hashes from {}",
          accessList.current().mode().name().toLowerCase(java.util.Locale.ROOT),
          accessList.current().size(),
          accessList.path());
    }
    runtime.reloadActions.add(runtime::reloadAccessList);
    runtime.signalRegistration = Signals.onSignal("USR1", runtime::reload);
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
    log.info("metrics: http://{}/metrics", endpoint.localAddress());
  }

  /** Adds something to redo on SIGUSR1 (e.g. reloading TLS certificates). */
  public void onReload(Runnable action) {
    reloadActions.add(action);
  }

  /** What SIGUSR1 does: every reload action, each isolated from the others' failures. */
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

  public SwarmStore store() {
    return store;
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

  public SwarmCleaning cleaning() {
    return cleaning;
  }

  /** The bound metrics endpoint address, if it runs. */
  public Optional<InetSocketAddress> metricsAddress() {
    return metricsEndpoint.map(MetricsEndpoint::localAddress);
  }

  /** Stops the workers and the metrics endpoint. Does not exit the process. */
  @Override
  public void close() {
    if (signalRegistration != null) {
      signalRegistration.close();
    }
    supervisor.close();
    metricsEndpoint.ifPresent(MetricsEndpoint::close);
  }
}
