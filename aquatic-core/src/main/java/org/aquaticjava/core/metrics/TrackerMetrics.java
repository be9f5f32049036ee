package org.aquaticjava.core.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.aquaticjava.core.access.AccessListHolder;

/**
 * The metrics registry of one tracker instance. Each tracker gets its own {@link
 * PrometheusRegistry} rather than the global default, so several trackers in one JVM (tests,
 * {@code aquatic all}) never collide on metric names.
 *
 * <p>Register everything at start-up from one thread; scraping is thread-safe.
 */
public final class TrackerMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();

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
