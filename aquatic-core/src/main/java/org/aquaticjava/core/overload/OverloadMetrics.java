package org.aquaticjava.core.overload;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;

/**
 * The overload metrics of one protocol, shared families with the {@code protocol} label: {@code
 * aquatic_overload_shedding{protocol, worker_index}} (1 while the worker sheds), {@code
 * aquatic_overload_event_loop_lag_seconds{protocol, worker_index}} (how late the latest probe
 * ran: the figure {@code lag_threshold_ms} is compared with), {@code
 * aquatic_overload_full_reads_percent{protocol, worker_index}} (UDP only: the latest window's share
 * of full socket reads, the figure {@code full_reads_percent} is compared with), and {@code
 * aquatic_overload_shed_total{protocol, action, worker_index}} (requests shed, by {@link
 * ShedAction}). Creates the {@link LoadShedding} of each socket worker. Thread-safe.
 */
public final class OverloadMetrics {
  private static final List<String> LABELS = List.of(TrackerMetrics.PROTOCOL, "worker_index");

  private final String protocol;
  private final Counter shed;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();

  private record Worker(String index, LoadShedding shedding) {}

  /** The metrics of {@code protocol} (udp, http or ws) in {@code metrics}' registry. */
  public OverloadMetrics(TrackerMetrics metrics, String protocol) {
    this.protocol = protocol;
    this.shed = metrics.overloadShed();
    metrics.gaugeSource(
        "aquatic_overload_shedding",
        "1 while a socket worker sheds load ([overload]), by protocol",
        LABELS,
        callback -> {
          for (Worker w : workers) {
            callback.call(w.shedding().shedding() ? 1 : 0, protocol, w.index());
          }
        });
    metrics.gaugeSource(
        "aquatic_overload_event_loop_lag_seconds",
        "How late the latest overload probe of a socket worker's event loop ran, by protocol",
        LABELS,
        callback -> {
          for (Worker w : workers) {
            callback.call(w.shedding().lastLagNanos() / 1e9, protocol, w.index());
          }
        });
    metrics.gaugeSource(
        "aquatic_overload_full_reads_percent",
        "Percentage of full socket reads (more datagrams were queued) in the latest overload probe"
            + " window of a UDP socket worker (0 with fewer than 16 reads), by protocol",
        LABELS,
        callback -> {
          for (Worker w : workers) {
            if (w.shedding().countsReads()) {
              callback.call(w.shedding().lastFullReadsPercent(), protocol, w.index());
            }
          }
        });
  }

  /**
   * The load shedding state of socket worker {@code workerIndex}.
   *
   * @param announceInterval the interval the worker hands out normally, in seconds
   * @param maxPeerAge the peer expiry, in seconds: the raised interval stays below it
   * @param fullReadMessages datagrams a socket read drains at most (UDP), or {@link
   *     LoadShedding#NO_READS}
   */
  public LoadShedding worker(
      int workerIndex,
      OverloadConfig config,
      int announceInterval,
      int maxPeerAge,
      int fullReadMessages) {
    final String index = Integer.toString(workerIndex);
    final CounterDataPoint[] points = new CounterDataPoint[ShedAction.values().length];
    for (ShedAction action : ShedAction.values()) {
      points[action.ordinal()] = shed.labelValues(protocol, action.label(), index);
    }
    final LoadShedding shedding =
        new LoadShedding(config, announceInterval, maxPeerAge, fullReadMessages, points);
    workers.add(new Worker(index, shedding));
    return shedding;
  }

  /** Socket workers shedding now. */
  public int sheddingWorkers() {
    int n = 0;
    for (Worker w : workers) {
      if (w.shedding().shedding()) {
        n++;
      }
    }
    return n;
  }
}
