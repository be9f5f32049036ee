package org.aquaticjava.udp;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.swarm.AnnounceRequest;
import org.aquaticjava.core.swarm.PeerWords;
import org.aquaticjava.udp.UdpMetrics.ServerDropReason;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.aquaticjava.udp.protocol.UdpRequestParser;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.UdpErrorMessage;
import org.aquaticjava.udp.protocol.UdpProtocol;
import org.aquaticjava.udp.protocol.UdpResponseWriter;

/**
 * Turns one request datagram into its response: parse, check the connection id and access list,
 * update or read the swarm state through a {@link SwarmGateway}, write the reply. Knows nothing of
 * channels, so the socket handler and the JMH benchmark run exactly the same code. When the gateway
 * defers an announce or scrape to a swarm worker, the socket later writes the answer with {@link
 * #writeAnnounce} or {@link #writeScrape}.
 *
 * <p>Single-threaded: each socket owns one instance with its reusable scratch objects; the
 * validator and access list it shares are thread-safe. Allocates nothing per request.
 */
public final class UdpRequestProcessor {
  private final UdpRequestParser parser;
  private final UdpRequest request;
  private final AnnounceRequest announce;
  private final ScrapeResults scrapeResults;
  private final SwarmGateway swarm;
  private final ConnectionIdValidator connectionIds;
  private final AccessListHolder accessList;
  private final UdpMetrics.Worker metrics;
  private final DropLog dropLog;
  private final int maxResponsePeers;
  private final int announceInterval;
  private final int maxResponseLength;

  public UdpRequestProcessor(
      UdpConfig config,
      SwarmGateway swarm,
      ConnectionIdValidator connectionIds,
      AccessListHolder accessList,
      UdpMetrics.Worker metrics,
      String workerName) {
    final UdpConfig.Protocol protocol = config.protocol();
    this.parser = new UdpRequestParser(protocol.maxScrapeTorrents());
    this.request = new UdpRequest();
    this.maxResponsePeers = protocol.maxResponsePeers();
    this.announce = new AnnounceRequest(maxResponsePeers);
    this.announceInterval = protocol.peerAnnounceInterval();
    this.maxResponseLength =
        Math.max(
            UdpProtocol.announceResponseLength(AddressFamily.IPV6, maxResponsePeers),
            Math.max(
                UdpProtocol.scrapeResponseLength(protocol.maxScrapeTorrents()),
                UdpProtocol.ERROR_RESPONSE_HEADER_LENGTH + longestErrorMessage()));
    this.scrapeResults = new ScrapeResults(protocol.maxScrapeTorrents());
    this.swarm = swarm;
    this.connectionIds = connectionIds;
    this.accessList = accessList;
    this.metrics = metrics;
    this.dropLog = new DropLog(workerName);
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
   * @param replies where an answer deferred to a swarm worker is sent later
   * @return whether {@code out} holds a response to send to {@code sender} now
   */
  public boolean process(
      ByteBuf datagram, InetSocketAddress sender, int now, ByteBuf out, ReplyTarget replies) {
    metrics.requests.inc();
    metrics.rxBytes.inc(datagram.readableBytes());
    if (sender.getPort() == 0) {
      drop(ServerDropReason.SOURCE_PORT_ZERO, sender);
      return false;
    }
    final boolean answered;
    try {
      answered = handle(datagram, sender, now, out, replies);
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
    dropLog.socketError(cause);
  }

  private boolean handle(
      ByteBuf datagram, InetSocketAddress sender, int now, ByteBuf out, ReplyTarget replies) {
    final SourceAddress source = SourceAddress.of(sender.getAddress(), announce);
    switch (parser.parse(datagram, request)) {
      case CONNECT -> {
        UdpResponseWriter.writeConnect(
            out, request.transactionId(), source.issue(connectionIds, announce, now));
        metrics.connectResponses.inc();
        return true;
      }
      case ANNOUNCE -> {
        return connectionIdIsValid(source, sender, now) && announce(sender, now, out, replies);
      }
      case SCRAPE -> {
        return connectionIdIsValid(source, sender, now) && scrape(source, sender, out, replies);
      }
      case ERROR -> {
        return connectionIdIsValid(source, sender, now) && error(request.errorMessage(), out);
      }
      case DROP -> {
        metrics.dropped(request.dropReason());
        dropLog.parserDrop(request.dropReason(), sender);
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
    drop(reason, sender);
    return false;
  }

  private boolean announce(
      InetSocketAddress sender, int now, ByteBuf out, ReplyTarget replies) {
    if (!accessList.current().allows(request.infoHashA(), request.infoHashB(), request.infoHashC())) {
      return error(UdpErrorMessage.INFO_HASH_NOT_ALLOWED, out);
    }
    final AnnounceRequest a = announce;
    a.infoHash.set(request.infoHashA(), request.infoHashB(), request.infoHashC());
    a.port = request.port();
    a.seeder = request.left() == 0;
    final AnnounceEvent event = request.event();
    a.stopped = event == AnnounceEvent.STOPPED;
    a.completed = event == AnnounceEvent.COMPLETED;
    final int wanted = request.numWant();
    a.peersWanted = wanted <= 0 ? maxResponsePeers : Math.min(wanted, maxResponsePeers);
    return answered(swarm.announce(a, now, request.transactionId(), sender, replies), sender)
        && writeAnnounce(out, request.transactionId(), a);
  }

  /**
   * Writes the response to an announce whose results are in {@code a} ({@code a.ipv6} selects the
   * peer format) and counts it.
   *
   * @return true
   */
  boolean writeAnnounce(ByteBuf out, int transactionId, AnnounceRequest a) {
    UdpResponseWriter.writeAnnounceHeader(
        out, transactionId, announceInterval, a.leechers, a.seeders);
    final long[] words = a.peerWords;
    if (a.ipv6) {
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

  private boolean scrape(
      SourceAddress source, InetSocketAddress sender, ByteBuf out, ReplyTarget replies) {
    if (request.scrapeHashesTruncated() > 0) {
      metrics.scrapeHashesTruncated.inc(request.scrapeHashesTruncated());
    }
    final SwarmOutcome outcome =
        swarm.scrape(request, source == SourceAddress.IPV6, scrapeResults, sender, replies);
    return answered(outcome, sender) && writeScrape(out, request.transactionId(), scrapeResults);
  }

  /**
   * Writes the response to a scrape whose counts are in {@code results} and counts it.
   *
   * @return true
   */
  boolean writeScrape(ByteBuf out, int transactionId, ScrapeResults results) {
    UdpResponseWriter.writeScrapeHeader(out, transactionId);
    for (int i = 0; i < results.count; i++) {
      UdpResponseWriter.writeScrapeEntry(
          out, results.seeders[i], results.completed[i], results.leechers[i]);
    }
    metrics.scrapeResponses.inc();
    return true;
  }

  /** Counts the bytes of a response written outside {@link #process} (a deferred answer). */
  void countSent(ByteBuf response) {
    metrics.txBytes.inc(response.readableBytes());
  }

  private boolean answered(SwarmOutcome outcome, InetSocketAddress sender) {
    return switch (outcome) {
      case ANSWERED -> true;
      case DEFERRED -> false;
      case QUEUE_FULL -> {
        drop(ServerDropReason.SWARM_QUEUE_FULL, sender);
        yield false;
      }
    };
  }

  private boolean error(UdpErrorMessage message, ByteBuf out) {
    UdpResponseWriter.writeError(out, request.transactionId(), message);
    metrics.errorResponses.inc();
    return true;
  }

  private void drop(ServerDropReason reason, InetSocketAddress sender) {
    metrics.dropped(reason);
    dropLog.serverDrop(reason, sender);
  }
}
