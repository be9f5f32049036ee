package org.aquaticjava.core.metrics;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantiles;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

/**
 * JVM and process metrics under the names of the standard Prometheus JVM exporter ({@code
 * jvm_memory_used_bytes{area}}, {@code jvm_gc_collection_seconds{gc}}, {@code
 * process_cpu_seconds_total}, ...), so existing dashboards work. Exported by hand because {@code
 * prometheus-metrics-instrumentation-jvm} does not resolve for the pinned client version. Values
 * are read from the MX beans at scrape time; nothing runs between scrapes.
 */
public final class JvmMetrics {
  private JvmMetrics() {}

  /** Registers every metric of this class in {@code registry}. */
  public static void register(PrometheusRegistry registry) {
    registerMemory(registry);
    registerGc(registry);
    registerThreads(registry);
    registerProcess(registry);
  }

  private static void registerMemory(PrometheusRegistry registry) {
    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memoryGauge(registry, memory, "jvm_memory_used_bytes", "Used bytes of a memory area", Usage.USED);
    memoryGauge(
        registry, memory, "jvm_memory_committed_bytes", "Committed bytes of a memory area", Usage.COMMITTED);
    memoryGauge(
        registry, memory, "jvm_memory_max_bytes", "Maximum bytes of a memory area (-1 if undefined)", Usage.MAX);
  }

  private enum Usage {
    USED,
    COMMITTED,
    MAX;

    double of(MemoryUsage usage) {
      return switch (this) {
        case USED -> usage.getUsed();
        case COMMITTED -> usage.getCommitted();
        case MAX -> usage.getMax();
      };
    }
  }

  private static void memoryGauge(
      PrometheusRegistry registry, MemoryMXBean memory, String name, String help, Usage usage) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("area")
        .callback(
            callback -> {
              callback.call(usage.of(memory.getHeapMemoryUsage()), "heap");
              callback.call(usage.of(memory.getNonHeapMemoryUsage()), "nonheap");
            })
        .register(registry);
  }

  private static void registerGc(PrometheusRegistry registry) {
    SummaryWithCallback.builder()
        .name("jvm_gc_collection_seconds")
        .help("Time spent in a given JVM garbage collector in seconds")
        .labelNames("gc")
        .callback(
            callback -> {
              for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                final long count = gc.getCollectionCount();
                if (count >= 0) {
                  callback.call(
                      count, gc.getCollectionTime() / 1000.0, Quantiles.EMPTY, gc.getName());
                }
              }
            })
        .register(registry);
  }

  private static void registerThreads(PrometheusRegistry registry) {
    final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    GaugeWithCallback.builder()
        .name("jvm_threads_current")
        .help("Current thread count of a JVM")
        .callback(callback -> callback.call(threads.getThreadCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("jvm_threads_daemon")
        .help("Daemon thread count of a JVM")
        .callback(callback -> callback.call(threads.getDaemonThreadCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("jvm_threads_peak")
        .help("Peak thread count of a JVM")
        .callback(callback -> callback.call(threads.getPeakThreadCount()))
        .register(registry);
  }

  private static void registerProcess(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("process_start_time_seconds")
        .help("Start time of the process since unix epoch in seconds")
        .callback(
            callback -> callback.call(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0))
        .register(registry);
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)) {
      return; // not a HotSpot-family JVM: no CPU time or descriptor counts
    }
    CounterWithCallback.builder()
        .name("process_cpu_seconds_total")
        .help("Total user and system CPU time spent in seconds")
        .callback(callback -> callback.call(Math.max(0, os.getProcessCpuTime()) / 1e9))
        .register(registry);
    if (os instanceof UnixOperatingSystemMXBean unix) {
      GaugeWithCallback.builder()
          .name("process_open_fds")
          .help("Number of open file descriptors")
          .callback(callback -> callback.call(unix.getOpenFileDescriptorCount()))
          .register(registry);
      GaugeWithCallback.builder()
          .name("process_max_fds")
          .help("Maximum number of open file descriptors")
          .callback(callback -> callback.call(unix.getMaxFileDescriptorCount()))
          .register(registry);
    }
  }
}
