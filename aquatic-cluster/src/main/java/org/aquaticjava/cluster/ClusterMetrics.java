package org.aquaticjava.cluster;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The cluster's metrics: {@code aquatic_cluster_members}, {@code
 * aquatic_cluster_changes_total{event}} (sent, received, applied, dropped), {@code
 * aquatic_cluster_batches_rejected_total{reason}}, {@code aquatic_cluster_bytes_sent_total},
 * {@code aquatic_cluster_send_queue_batches}, {@code aquatic_cluster_replication_lag_seconds}
 * (sender's clock at sending to receiver's at applying), {@code
 * aquatic_cluster_state_transfer_seconds} and {@code aquatic_cluster_foreign_messages_total}.
 */
final class ClusterMetrics {
  /** Why a received batch was not applied; the lower-case names are the label values. */
  enum Rejection {
    /** Its MAC does not match: another secret, or damaged. */
    UNAUTHENTICATED,
    /** Authentic but cut short or with an impossible count. */
    MALFORMED
  }

  final LongAdder sent = new LongAdder();
  final LongAdder received = new LongAdder();
  final LongAdder applied = new LongAdder();
  final LongAdder droppedBeforeState = new LongAdder();
  /** JGroups messages dropped unread: from a non-member encrypting with another key. */
  final LongAdder foreignMessages = new LongAdder();
  final CounterDataPoint bytesSent;
  final Histogram lag;
  final Gauge stateTransferSeconds;
  private final CounterDataPoint[] rejected = new CounterDataPoint[Rejection.values().length];

  /**
   * @param droppedAtSource changes of this node not sent because the send queue was full
   */
  ClusterMetrics(
      PrometheusRegistry registry, DoubleSupplier members, DoubleSupplier droppedAtSource, DoubleSupplier queued) {
    CounterWithCallback.builder()
        .name("aquatic_cluster_changes_total")
        .help(
            "Swarm changes: sent to the other nodes, received from them, applied here, dropped"
                + " (this node's, when the send queue was full; others', when they arrived"
                + " before this node had the swarms)")
        .labelNames("event")
        .callback(
            cb -> {
              cb.call(sent.sum(), "sent");
              cb.call(received.sum(), "received");
              cb.call(applied.sum(), "applied");
              cb.call(droppedAtSource.getAsDouble() + droppedBeforeState.sum(), "dropped");
            })
        .register(registry);
    final Counter rejections =
        Counter.builder()
            .name("aquatic_cluster_batches_rejected_total")
            .help("Change batches received and not applied, by reason")
            .labelNames("reason")
            .register(registry);
    for (Rejection reason : Rejection.values()) {
      rejected[reason.ordinal()] = rejections.labelValues(reason.name().toLowerCase(Locale.ROOT));
    }
    bytesSent =
        Counter.builder()
            .name("aquatic_cluster_bytes_sent_total")
            .help("Bytes of change batches sent (before JGroups' framing and encryption)")
            .register(registry)
            .labelValues();
    CounterWithCallback.builder()
        .name("aquatic_cluster_foreign_messages_total")
        .help(
            "Messages dropped unread because their sender is not a member and encrypts with"
                + " another key (a node whose cluster.secret differs)")
        .callback(cb -> cb.call(foreignMessages.sum()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_cluster_members")
        .help("Nodes in the cluster as this node sees it, itself included")
        .callback(cb -> cb.call(members.getAsDouble()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_cluster_send_queue_batches")
        .help("Change batches waiting to be sent")
        .callback(cb -> cb.call(queued.getAsDouble()))
        .register(registry);
    lag =
        Histogram.builder()
            .name("aquatic_cluster_replication_lag_seconds")
            .help("From the sender's clock when it sent a batch to this node's when it applied it")
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    stateTransferSeconds =
        Gauge.builder()
            .name("aquatic_cluster_state_transfer_seconds")
            .help("How long this node's state transfer at join took; 0 for the first node")
            .register(registry);
  }

  void rejected(Rejection reason) {
    rejected[reason.ordinal()].inc();
  }
}
