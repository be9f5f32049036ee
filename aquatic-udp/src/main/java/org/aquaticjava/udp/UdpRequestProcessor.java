package org.aquaticjava.udp;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.metrics.WorkerLog;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.limit.SourceLimits.Kind;
import org.aquaticjava.core.limit.SourceLimits.Verdict;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.ShedAction;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.PeerAddress;
import org.aquaticjava.core.swarm.PeerWords;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.netty.DatagramBatching;
import org.aquaticjava.udp.UdpMetrics.ServerDropReason;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;
import org.aquaticjava.udp.protocol.UdpDropReason;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.aquaticjava.udp.protocol.UdpRequestParser;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.UdpErrorMessage;
import org.aquaticjava.udp.protocol.UdpProtocol;
import org.aquaticjava.udp.protocol.UdpResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request datagram into its response: parse, check the connection id and access list,
 * update or read the swarm store, write the reply. Knows nothing of channels, so the socket handler
 * and the JMH benchmark run exactly the same code.
 *
 * <p>Single-threaded: each socket owns one instance with its reusable scratch objects; the store,
 * validator and access list it shares are thread-safe. Allocates nothing per request.
 *
 * <p>Per-source limits ({@code [rate_limit]}, {@link SourceLimits}, one table set per socket): a
 * banned source is ignored; a request over its source's connect, announce or scrape rate, or a
 * scrape beyond its distinct torrents, is dropped, except for one "too many requests" error per
 * source and notice interval, which is never larger than the request times the requests dropped
 * (no amplification). Forged connection ids and malformed datagrams are strikes towards a ban;
 * forged ids only once ids of a previous run can no longer be in use.
 *
 * <p>While the socket's worker is saturated ({@code [overload]}, {@link LoadShedding}), scrapes are
 * dropped unanswered before anything else is done with them, and announces are answered with the
 * raised interval: clients that cannot be served now come back later, and announces, which keep
 * swarms alive, go first.
 */
public final class UdpRequestProcessor {
  private static final Logger log = LoggerFactory.getLogger(UdpRequestProcessor.class);
  private static final Set<Kind> LIMITED_KINDS =
      EnumSet.of(Kind.UDP_CONNECT, Kind.UDP_ANNOUNCE, Kind.UDP_SCRAPE);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final UdpRequestParser parser;
  private final UdpRequest request;
  private final AnnounceSlot announce;
  /** The datagram's source, canonical (IPv4-mapped IPv6 as IPv4); reused per datagram. */
  private final PeerAddress sourceAddress = new PeerAddress();
  private final ScrapeCounts scrapeCounts = new ScrapeCounts();
  private final SwarmStore store;
  private final ConnectionIdValidator connectionIds;
  private final AccessListHolder accessList;
  private final UdpMetrics.Worker metrics;
  private final WorkerLog dropLog;
  private final SourceLimits limits;
  private final LoadShedding shedding;
  /** Seconds since start before which a forged connection id is no strike (ids of a previous run). */
  private final int strikeForgedIdsFrom;
  private long sourceKey;
  private long nowNanos;
  private Verdict verdict = Verdict.ALLOWED;
  private final int maxResponsePeers;
  private final int maxResponseLength;

  public UdpRequestProcessor(
      UdpConfig config,
      SwarmStore store,
      ConnectionIdValidator connectionIds,
      AccessListHolder accessList,
      UdpMetrics.Worker metrics,
      LoadShedding shedding,
      String workerName) {
    final UdpConfig.Protocol protocol = config.protocol();
    this.parser = new UdpRequestParser(protocol.maxScrapeTorrents());
    this.request = new UdpRequest();
    this.maxResponsePeers = protocol.maxResponsePeers();
    this.announce = new AnnounceSlot(maxResponsePeers);
    this.maxResponseLength =
        Math.max(
            UdpProtocol.announceResponseLength(AddressFamily.IPV6, maxResponsePeers),
            Math.max(
                UdpProtocol.scrapeResponseLength(protocol.maxScrapeTorrents()),
                UdpProtocol.ERROR_RESPONSE_HEADER_LENGTH + longestErrorMessage()));
    this.store = store;
    this.connectionIds = connectionIds;
    this.accessList = accessList;
    this.metrics = metrics;
    this.dropLog = new WorkerLog(log, workerName, UdpDropReason.class, ServerDropReason.class);
    this.limits = new SourceLimits(config.rateLimit(), LIMITED_KINDS, metrics.sourceLimits);
    this.shedding = shedding;
    this.strikeForgedIdsFrom =
        config.cleaning().maxConnectionAge() + config.cleaning().connectionIdGrace();
  }

  private static int longestErrorMessage() {
    int longest = 0;
    for (UdpErrorMessage message : UdpErrorMessage.values()) {
      longest = Math.max(longest, message.length());
    }
    return longest;
  }

  /** Capacity {@code out} needs for any response of this processor. */
  public int maxResponseLength() {
    return maxResponseLength;
  }

  /**
   * Answers one datagram.
   *
   * @param now seconds since start, read once per batch by the caller
   * @param out where the response goes; at least {@link #maxResponseLength()} writable bytes
   * @return whether {@code out} holds a response to send to {@code sender}
   */
  public boolean process(ByteBuf datagram, InetSocketAddress sender, int now, ByteBuf out) {
    metrics.rxBytes.inc(datagram.readableBytes());
    if (datagram.readableBytes() >= DatagramBatching.DEFAULT_MAX_PAYLOAD) {
      metrics.datagramsTruncated.inc(); // parsed all the same, as what arrived
    }
    if (sender.getPort() == 0) {
      metrics.invalidRequests.inc();
      drop(ServerDropReason.SOURCE_PORT_ZERO, sender);
      return false;
    }
    final boolean answered;
    try {
      answered = handle(datagram, sender, now, out);
    } catch (RuntimeException e) {
      // One bad request must never stop the worker; the cause is logged once per window.
      drop(ServerDropReason.INTERNAL_ERROR, sender);
      dropLog.internalError(e);
      out.clear();
      return false;
    }
    if (answered) {
      metrics.txBytes.inc(out.readableBytes());
    }
    return answered;
  }

  /** Logs a socket-level error (once per window). */
  public void socketError(Throwable cause) {
    dropLog.socketError(null, cause);
  }

  private boolean handle(ByteBuf datagram, InetSocketAddress sender, int now, ByteBuf out) {
    sourceAddress.set(sender.getAddress());
    final SourceAddress source = SourceAddress.of(sourceAddress, announce);
    sourceKey = source.limitKey(limits, announce);
    nowNanos = now * NANOS_PER_SECOND;
    switch (parser.parse(datagram, request)) {
      case CONNECT -> {
        metrics.connectRequests.inc();
        if (limited(Kind.UDP_CONNECT)) {
          return notice(out);
        }
        UdpResponseWriter.writeConnect(
            out, request.transactionId(), source.issue(connectionIds, announce, now));
        metrics.connectResponses.inc();
        return true;
      }
      case ANNOUNCE -> {
        metrics.announceRequests.inc();
        if (limited(Kind.UDP_ANNOUNCE)) {
          return notice(out);
        }
        return connectionIdIsValid(source, sender, now) && announce(source, out, now);
      }
      case SCRAPE -> {
        metrics.scrapeRequests.inc();
        if (shedding.shedding()) {
          shedding.shed(ShedAction.SCRAPE_DROPPED);
          return false;
        }
        if (limited(Kind.UDP_SCRAPE)) {
          return notice(out);
        }
        if (!connectionIdIsValid(source, sender, now)) {
          return false;
        }
        return scrapeLimited() ? notice(out) : scrape(source, out);
      }
      case ERROR -> {
        metrics.invalidRequests.inc();
        if (limits.banned(sourceKey, nowNanos) || !connectionIdIsValid(source, sender, now)) {
          return false;
        }
        limits.invalid(sourceKey, nowNanos);
        return error(request.errorMessage(), out);
      }
      case DROP -> {
        metrics.invalidRequests.inc();
        limits.invalid(sourceKey, nowNanos);
        metrics.dropped(request.dropReason());
        dropLog.record(request.dropReason(), sender);
        return false;
      }
    }
    return false;
  }

  private boolean connectionIdIsValid(SourceAddress source, InetSocketAddress sender, int now) {
    final ServerDropReason reason =
        switch (source.validate(connectionIds, announce, request.connectionId(), now)) {
          case VALID -> null;
          case FORGED -> ServerDropReason.CONNECTION_ID_FORGED;
          case EXPIRED -> ServerDropReason.CONNECTION_ID_EXPIRED;
          case FROM_FUTURE -> ServerDropReason.CONNECTION_ID_FROM_FUTURE;
        };
    if (reason == null) {
      return true;
    }
    if (reason != ServerDropReason.CONNECTION_ID_EXPIRED && now >= strikeForgedIdsFrom) {
      limits.invalid(sourceKey, nowNanos);
    }
    drop(reason, sender);
    return false;
  }

  /** Whether the source's limit for {@code kind} refuses this request; {@link #verdict} says how. */
  private boolean limited(Kind kind) {
    verdict = limits.request(kind, sourceKey, nowNanos);
    return verdict != Verdict.ALLOWED;
  }

  /** Counts the scrape's info hashes for the source; whether that took it over its limit. */
  private boolean scrapeLimited() {
    for (int i = 0; i < request.scrapeHashCount(); i++) {
      verdict =
          limits.scrapedTorrent(
              sourceKey,
              request.scrapeInfoHashA(i),
              request.scrapeInfoHashB(i),
              request.scrapeInfoHashC(i),
              nowNanos);
      if (verdict != Verdict.ALLOWED) {
        return true;
      }
    }
    return false;
  }

  /** The answer to a refused request: the one error of the notice interval, or nothing. */
  private boolean notice(ByteBuf out) {
    return verdict == Verdict.NOTIFY && error(UdpErrorMessage.RATE_LIMITED, out);
  }

  private boolean announce(SourceAddress source, ByteBuf out, int now) {
    if (!accessList.current().allows(request.infoHashA(), request.infoHashB(), request.infoHashC())) {
      return error(UdpErrorMessage.INFO_HASH_NOT_ALLOWED, out);
    }
    final AnnounceSlot a = announce;
    a.infoHash.set(request.infoHashA(), request.infoHashB(), request.infoHashC());
    a.port = request.port();
    a.seeder = request.left() == 0;
    final UdpAnnounceEvent event = request.event();
    a.stopped = event == UdpAnnounceEvent.STOPPED;
    a.completed = event == UdpAnnounceEvent.COMPLETED;
    final int wanted = request.numWant();
    a.peersWanted = wanted <= 0 ? maxResponsePeers : Math.min(wanted, maxResponsePeers);
    store.announce(a, now);

    UdpResponseWriter.writeAnnounceHeader(
        out, request.transactionId(), shedding.announceInterval(), a.leechers, a.seeders);
    final long[] words = a.peerWords;
    if (source == SourceAddress.IPV6) {
      for (int i = 0, w = 0; i < a.peerCount; i++, w += PeerWords.IPV6_STRIDE) {
        UdpResponseWriter.writeIpv6Peer(out, words[w], words[w + 1], PeerWords.port(words[w + 2]));
      }
    } else {
      for (int i = 0; i < a.peerCount; i++) {
        UdpResponseWriter.writeIpv4Peer(out, PeerWords.ipv4(words[i]), PeerWords.port(words[i]));
      }
    }
    metrics.announceResponses.inc();
    return true;
  }

  private boolean scrape(SourceAddress source, ByteBuf out) {
    final int count = request.scrapeHashCount();
    if (request.scrapeHashesTruncated() > 0) {
      metrics.scrapeHashesTruncated.inc(request.scrapeHashesTruncated());
    }
    UdpResponseWriter.writeScrapeHeader(out, request.transactionId());
    final boolean v6 = source == SourceAddress.IPV6;
    for (int i = 0; i < count; i++) {
      announce.infoHash.set(
          request.scrapeInfoHashA(i), request.scrapeInfoHashB(i), request.scrapeInfoHashC(i));
      store.scrape(announce.infoHash, v6, scrapeCounts);
      UdpResponseWriter.writeScrapeEntry(
          out, scrapeCounts.seeders, scrapeCounts.completed, scrapeCounts.leechers);
    }
    metrics.scrapeResponses.inc();
    return true;
  }

  private boolean error(UdpErrorMessage message, ByteBuf out) {
    UdpResponseWriter.writeError(out, request.transactionId(), message);
    metrics.errorResponses.inc();
    return true;
  }

  private void drop(ServerDropReason reason, InetSocketAddress sender) {
    metrics.dropped(reason);
    dropLog.record(reason, sender);
  }
}
