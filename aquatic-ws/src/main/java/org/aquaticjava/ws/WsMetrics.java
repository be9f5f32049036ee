package org.aquaticjava.ws;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.aquaticjava.core.limit.SourceLimitMetrics;
import org.aquaticjava.core.metrics.TrackerMetrics;
import java.util.List;
import java.util.Locale;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.swarm.BusyTorrent;
import org.aquaticjava.ws.protocol.WsRequest;
import org.aquaticjava.ws.protocol.OfferSkip;
import org.aquaticjava.ws.protocol.ReadError;

/**
 * The WebTorrent tracker's metrics, with aquatic's names where aquatic has the metric and {@code
 * aquatic_ws_*} for what it lacks (drops, limits, relays refused). Label values are resolved once
 * per socket worker and address family ({@link Family}) or per reason, so counting on the hot path
 * only increments cached data points. Every data point is thread-safe.
 */
final class WsMetrics {
  /** {@code aquatic_requests_total} type label. */
  enum RequestType {
    ANNOUNCE,
    SCRAPE,
    /** A message refused by the reader (and answered with an error). */
    INVALID;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  /** Kinds of messages the tracker sends: {@code aquatic_responses_total} type label. */
  enum MessageType {
    ANNOUNCE,
    SCRAPE,
    OFFER,
    ANSWER,
    ERROR,
    /** WebSocket control frames: pongs to the client's pings, our pings, close frames. */
    CONTROL;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  /** Why a message for a connection was not queued. */
  enum SendDropReason {
    /** The connection's outbound bytes are above the high water mark (a slow reader). */
    NOT_WRITABLE,
    /** The connection already has {@code max_queued_messages} messages queued. */
    QUEUE_FULL,
    /** The connection closed before the message could be queued. */
    CLOSED;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  /** Why an answer was not relayed. */
  enum AnswerRefusal {
    /** The offerer expects no such answer: never offered, already answered, or expired. */
    NO_MATCHING_OFFER,
    /** No peer with the answer's {@code to_peer_id} in the swarm. */
    UNKNOWN_OFFERER;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  /** Limits that refuse or end something: {@code aquatic_ws_limits_hit_total} limit label. */
  enum Limit {
    MAX_CONNECTIONS,
    FRAME_SIZE,
    MESSAGE_SIZE,
    MESSAGE_RATE,
    HANDSHAKE_TIMEOUT,
    IDLE_TIMEOUT,
    PING_TIMEOUT,
    SEND_TIMEOUT,
    /** A second peer id for an info hash on one connection (protocol.peer_id_change). */
    PEER_ID_CHANGE,
    /** A peer id owned by another connection: the message was ignored. */
    PEER_ID_TAKEN,
    TORRENTS_PER_CONNECTION,
    /** Offers beyond protocol.max_offers in one announce, ignored. */
    OFFERS_PER_ANNOUNCE,
    /** Hashes beyond protocol.max_scrape_torrents in one scrape, ignored. */
    SCRAPE_TORRENTS,
    /** Direct memory ran out while serving the connection: it was closed, the tracker serves on. */
    ALLOCATION_FAILURE;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private static final OfferSkip[] OFFER_SKIPS = OfferSkip.values(); // values() copies per call

  /**
   * A client broke the WebSocket protocol and was refused or closed: {@code
   * aquatic_ws_protocol_violations_total} reason label. Logged at debug only: it is the client's
   * problem.
   */
  enum ProtocolViolation {
    /** An upgrade request that was malformed, over the header limit, or not HTTP/1.1 (400, 431). */
    HANDSHAKE,
    /** A frame RFC 6455 forbids, e.g. a reserved opcode or a close code such as 999 (close 1002). */
    BAD_FRAME,
    /** A text message or close reason that is not UTF-8 (close 1007). */
    INVALID_UTF8;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private final Counter requests;
  private final Counter responses;
  private final Gauge activeConnections;
  private final CounterDataPoint[][] dropped;
  private final CounterDataPoint[] answersRefused;
  private final CounterDataPoint[] limits;
  private final CounterDataPoint[] invalid;
  private final CounterDataPoint[] offersSkipped;
  private final CounterDataPoint internalErrors;
  private final CounterDataPoint[] protocolViolations;
  private final SourceLimitMetrics sourceLimits;

  /**
   * Registers the WebTorrent tracker's own metrics in {@code metrics}' registry (once per registry)
   * and takes the shared ones from it.
   */
  WsMetrics(TrackerMetrics metrics, SwarmTotals totals) {
    final PrometheusRegistry registry = metrics.registry();
    requests = metrics.requests();
    responses = metrics.responses();
    activeConnections = metrics.activeConnections();
    metrics.registerSwarmCounts(
        TrackerMetrics.WEBTORRENT_SWARMS,
        new TrackerMetrics.SwarmCounts() {
          @Override
          public long torrents(boolean ipv6) {
            return totals.torrents(ipv6).sum();
          }

          @Override
          public long peers(boolean ipv6) {
            return totals.peers(ipv6).sum();
          }

          @Override
          public long seeders(boolean ipv6) {
            return totals.seeders(ipv6).sum();
          }

          @Override
          public List<BusyTorrent> busiest(boolean ipv6) {
            return totals.busiest(ipv6);
          }
        });
    final Counter droppedCounter =
        TrackerMetrics.hotPathCounter(registry, "aquatic_ws_messages_dropped_total", "Messages for a connection dropped instead of queued (backpressure), by type and reason", "type", "reason");
    dropped = new CounterDataPoint[MessageType.values().length][SendDropReason.values().length];
    for (MessageType type : MessageType.values()) {
      for (SendDropReason reason : SendDropReason.values()) {
        dropped[type.ordinal()][reason.ordinal()] = droppedCounter.labelValues(type.label, reason.label);
      }
    }
    final Counter refusedCounter =
        TrackerMetrics.hotPathCounter(registry, "aquatic_ws_answers_not_relayed_total", "Answers not relayed to their offerer, by reason", "reason");
    answersRefused = new CounterDataPoint[AnswerRefusal.values().length];
    for (AnswerRefusal reason : AnswerRefusal.values()) {
      answersRefused[reason.ordinal()] = refusedCounter.labelValues(reason.label);
    }
    final Counter limitCounter =
        TrackerMetrics.hotPathCounter(registry, "aquatic_ws_limits_hit_total", "Times a configured limit refused a message or ended a connection, by limit", "limit");
    limits = new CounterDataPoint[Limit.values().length];
    for (Limit limit : Limit.values()) {
      limits[limit.ordinal()] = limitCounter.labelValues(limit.label);
    }
    final Counter invalidCounter =
        TrackerMetrics.hotPathCounter(registry, "aquatic_ws_invalid_messages_total", "Messages refused as invalid, by reason", "reason");
    invalid = new CounterDataPoint[ReadError.values().length];
    for (ReadError error : ReadError.values()) {
      invalid[error.ordinal()] = invalidCounter.labelValues(error.label());
    }
    final Counter skippedCounter =
        TrackerMetrics.hotPathCounter(registry, "aquatic_ws_offers_skipped_total", "Offers of served announces that could not be relayed and were skipped, by reason", "reason");
    offersSkipped = new CounterDataPoint[OfferSkip.values().length];
    for (OfferSkip reason : OfferSkip.values()) {
      offersSkipped[reason.ordinal()] = skippedCounter.labelValues(reason.label());
    }
    final Counter violationCounter =
        TrackerMetrics.hotPathCounter(registry, "aquatic_ws_protocol_violations_total", "Connections refused or closed because the client broke the WebSocket protocol, by reason", "reason");
    protocolViolations = new CounterDataPoint[ProtocolViolation.values().length];
    for (ProtocolViolation violation : ProtocolViolation.values()) {
      protocolViolations[violation.ordinal()] = violationCounter.labelValues(violation.label);
    }
    internalErrors =
        TrackerMetrics.hotPathCounter(registry, "aquatic_ws_internal_errors_total", "Messages that failed inside the tracker (a bug); the connection carries on")
            .labelValues();
    sourceLimits = new SourceLimitMetrics(metrics, WsTracker.PROTOCOL);
  }

  /** The per-source limit counters of one socket worker ({@code [rate_limit]}). */
  SourceLimitMetrics.Worker sourceLimits(int workerIndex) {
    return sourceLimits.forWorker(workerIndex);
  }

  /** The data points of one socket worker and address family ("4" or "6"). */
  Family forWorker(int workerIndex, String ipVersion) {
    return new Family(workerIndex, ipVersion);
  }

  void dropped(MessageType type, SendDropReason reason) {
    dropped[type.ordinal()][reason.ordinal()].inc();
  }

  void answerRefused(AnswerRefusal reason) {
    answersRefused[reason.ordinal()].inc();
  }

  void limitHit(Limit limit) {
    limits[limit.ordinal()].inc();
  }

  void limitHit(Limit limit, long times) {
    limits[limit.ordinal()].inc(times);
  }

  void invalid(ReadError error) {
    invalid[error.ordinal()].inc();
  }

  /** Counts the offers the reader skipped in {@code announce}, by reason. */
  void offersSkipped(WsRequest announce) {
    for (OfferSkip reason : OFFER_SKIPS) {
      final int skipped = announce.offersSkipped(reason);
      if (skipped > 0) {
        offersSkipped[reason.ordinal()].inc(skipped);
      }
    }
  }

  void protocolViolation(ProtocolViolation violation) {
    protocolViolations[violation.ordinal()].inc();
  }

  void internalError() {
    internalErrors.inc();
  }

  /** Data points of one socket worker and address family. */
  final class Family {
    private final CounterDataPoint[] requestsByType;
    private final CounterDataPoint[] responsesByType;
    final GaugeDataPoint activeConnections;

    private Family(int workerIndex, String ipVersion) {
      final String index = Integer.toString(workerIndex);
      requestsByType = new CounterDataPoint[RequestType.values().length];
      for (RequestType type : RequestType.values()) {
        requestsByType[type.ordinal()] =
            requests.labelValues(WsTracker.PROTOCOL, type.label, ipVersion, index);
      }
      responsesByType = new CounterDataPoint[MessageType.values().length];
      for (MessageType type : MessageType.values()) {
        responsesByType[type.ordinal()] =
            responses.labelValues(WsTracker.PROTOCOL, type.label, ipVersion, index);
      }
      activeConnections =
          WsMetrics.this.activeConnections.labelValues(WsTracker.PROTOCOL, ipVersion, index);
    }

    void request(RequestType type) {
      requestsByType[type.ordinal()].inc();
    }

    void response(MessageType type) {
      responsesByType[type.ordinal()].inc();
    }
  }
}
