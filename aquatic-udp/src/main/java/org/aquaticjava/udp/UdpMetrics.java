package org.aquaticjava.udp;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import org.aquaticjava.core.limit.SourceLimitMetrics;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.netty.DatagramBatching;
import org.aquaticjava.udp.protocol.UdpDropReason;

/**
 * The UDP tracker's request and response counters, with aquatic's metric names. Label values are
 * resolved once per socket worker and address family into a {@link Worker}, so the hot path only
 * increments cached data points.
 */
public final class UdpMetrics {
  private final Counter requests;
  private final Counter responses;
  private final Counter rxBytes;
  private final Counter txBytes;
  private final Counter dropped;
  private final Counter scrapeHashesTruncated;
  private final SourceLimitMetrics sourceLimits;
  private final Counter datagramsTruncated;

  /** Registers the counters in {@code metrics}' registry; once per registry. */
  public UdpMetrics(TrackerMetrics metrics) {
    requests = metrics.requests();
    responses = metrics.responses();
    // aquatic's names, which UDP alone reports: the protocol label keeps the schema's rule
    rxBytes =
        metrics.hotPathCounter(
            "aquatic_rx_bytes", "UDP payload bytes received", TrackerMetrics.PROTOCOL, "ip_version", "worker_index");
    txBytes =
        metrics.hotPathCounter(
            "aquatic_tx_bytes", "UDP payload bytes sent", TrackerMetrics.PROTOCOL, "ip_version", "worker_index");
    dropped =
        metrics.hotPathCounter(
            "aquatic_dropped_requests_total",
            "UDP requests dropped without a reply, by reason",
            TrackerMetrics.PROTOCOL,
            "reason",
            "ip_version",
            "worker_index");
    // UDP counts hashes in the datagram as received: the kernel cuts off a longer datagram (see
    // aquatic_udp_datagrams_truncated_total)
    scrapeHashesTruncated = metrics.scrapeInfoHashesTruncated();
    datagramsTruncated =
        metrics.hotPathCounter(
            "aquatic_udp_datagrams_truncated_total",
            "Datagrams that filled the "
                + DatagramBatching.DEFAULT_MAX_PAYLOAD
                + "-byte receive buffer: the kernel cut off the rest (no valid request is that long)",
            "ip_version",
            "worker_index");
    sourceLimits = new SourceLimitMetrics(metrics, UdpTracker.PROTOCOL);
  }

  /** The data points of one socket worker and address family ("4" or "6"). */
  public Worker forWorker(int workerIndex, String ipVersion) {
    return new Worker(workerIndex, ipVersion);
  }

  /** Why a datagram got no reply, beyond what the parser reports. */
  enum ServerDropReason {
    SOURCE_PORT_ZERO,
    CONNECTION_ID_FORGED,
    CONNECTION_ID_EXPIRED,
    CONNECTION_ID_FROM_FUTURE,
    INTERNAL_ERROR;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Data points of one socket worker and address family. Used only on that worker's thread. */
  public final class Worker {
    final CounterDataPoint connectRequests;
    final CounterDataPoint announceRequests;
    final CounterDataPoint scrapeRequests;
    /** Datagrams no request could be read from, and the tracker's error requests. */
    final CounterDataPoint invalidRequests;
    final CounterDataPoint connectResponses;
    final CounterDataPoint announceResponses;
    final CounterDataPoint scrapeResponses;
    final CounterDataPoint errorResponses;
    final CounterDataPoint rxBytes;
    final CounterDataPoint txBytes;
    final CounterDataPoint scrapeHashesTruncated;
    final SourceLimitMetrics.Worker sourceLimits;
    final CounterDataPoint datagramsTruncated;
    private final CounterDataPoint[] parserDrops;
    private final CounterDataPoint[] serverDrops;

    private Worker(int workerIndex, String ipVersion) {
      final String index = Integer.toString(workerIndex);
      final String udp = UdpTracker.PROTOCOL;
      connectRequests = requests.labelValues(udp, "connect", ipVersion, index);
      announceRequests = requests.labelValues(udp, "announce", ipVersion, index);
      scrapeRequests = requests.labelValues(udp, "scrape", ipVersion, index);
      invalidRequests = requests.labelValues(udp, "invalid", ipVersion, index);
      connectResponses = responses.labelValues(udp, "connect", ipVersion, index);
      announceResponses = responses.labelValues(udp, "announce", ipVersion, index);
      scrapeResponses = responses.labelValues(udp, "scrape", ipVersion, index);
      errorResponses = responses.labelValues(udp, "error", ipVersion, index);
      rxBytes = UdpMetrics.this.rxBytes.labelValues(udp, ipVersion, index);
      txBytes = UdpMetrics.this.txBytes.labelValues(udp, ipVersion, index);
      scrapeHashesTruncated = UdpMetrics.this.scrapeHashesTruncated.labelValues(udp, ipVersion, index);
      datagramsTruncated = UdpMetrics.this.datagramsTruncated.labelValues(ipVersion, index);
      sourceLimits = UdpMetrics.this.sourceLimits.forWorker(workerIndex);
      final UdpDropReason[] parserReasons = UdpDropReason.values();
      parserDrops = new CounterDataPoint[parserReasons.length];
      for (UdpDropReason reason : parserReasons) {
        parserDrops[reason.ordinal()] = dropped.labelValues(udp, reason.label(), ipVersion, index);
      }
      final ServerDropReason[] serverReasons = ServerDropReason.values();
      serverDrops = new CounterDataPoint[serverReasons.length];
      for (ServerDropReason reason : serverReasons) {
        serverDrops[reason.ordinal()] = dropped.labelValues(udp, reason.label(), ipVersion, index);
      }
    }

    void dropped(UdpDropReason reason) {
      parserDrops[reason.ordinal()].inc();
    }

    void dropped(ServerDropReason reason) {
      serverDrops[reason.ordinal()].inc();
    }
  }
}
