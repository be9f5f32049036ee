package org.aquaticjava.http;

import io.netty.buffer.ByteBuf;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.ShedAction;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.PeerAddress;
import org.aquaticjava.core.swarm.PeerWords;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.AnnounceQuery;
import org.aquaticjava.http.protocol.AnnounceResponseWriter;
import org.aquaticjava.http.protocol.FailureReason;
import org.aquaticjava.http.protocol.FailureResponseWriter;
import org.aquaticjava.http.protocol.HttpQuery;
import org.aquaticjava.http.protocol.HttpQueryParser;
import org.aquaticjava.http.protocol.ScrapeQuery;
import org.aquaticjava.http.protocol.ScrapeResponseWriter;

/**
 * Turns one request target into its bencoded response body: parse, check the access list, update
 * or read the swarm store, write. Knows nothing of channels or HTTP framing, so the connection
 * handler and benchmarks run exactly the same code.
 *
 * <p>Single-threaded: each socket worker (event loop) owns one instance with its reusable scratch
 * objects, shared by all connections of that loop; the store and access list are thread-safe.
 * Allocates nothing per request once the buffers it writes into are large enough.
 *
 * <p>Scrapes count their info hashes against the source's distinct scraped torrents ({@code
 * [rate_limit.scraped_torrents]}, {@link SourceLimits#scrapedTorrent}); a scrape beyond the limit
 * is refused as {@link Reply#LIMITED_NOTICE} or {@link Reply#LIMITED_CLOSE}.
 *
 * <p>A request target that does not parse is a strike towards a ban of its source ({@code
 * [rate_limit.bans]}, {@link SourceLimits#invalid}).
 *
 * <p>While the worker is saturated ({@code [overload]}, {@link LoadShedding}), announces are
 * answered with the raised interval, and scrapes, which clients can do without, with a failure
 * carrying BEP 31 {@code retry in} before any swarm is read.
 */
public final class HttpRequestProcessor {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final HttpQueryParser parser;
  private final HttpQuery query;
  private final AnnounceSlot announce;
  private final ScrapeCounts scrapeCounts = new ScrapeCounts();
  private final SwarmStore store;
  private final AccessListHolder accessList;
  private final HttpMetrics.Worker metrics;
  private final SourceLimits limits;
  private final LoadShedding shedding;
  private final int maxPeers;
  private final int minAnnounceInterval;

  public HttpRequestProcessor(
      HttpConfig.Protocol protocol,
      SwarmStore store,
      AccessListHolder accessList,
      HttpMetrics.Worker metrics,
      SourceLimits limits,
      LoadShedding shedding) {
    this.parser = new HttpQueryParser(protocol.announcePath(), protocol.scrapePath());
    this.query = new HttpQuery(protocol.maxScrapeTorrents());
    this.maxPeers = protocol.maxPeers();
    this.announce = new AnnounceSlot(maxPeers);
    this.minAnnounceInterval = protocol.minAnnounceInterval();
    this.store = store;
    this.accessList = accessList;
    this.metrics = metrics;
    this.limits = limits;
    this.shedding = shedding;
  }

  /**
   * Answers one request target for {@code client} (already resolved through any reverse proxy).
   *
   * @param target the request target as Netty decoded it ({@code /announce?info_hash=...})
   * @param sourceKey the client's key in this worker's {@link SourceLimits}
   * @param now seconds since start, read once per read batch by the caller
   * @param out receives the body at its writer index; grown as needed
   */
  public Reply process(
      CharSequence target, PeerAddress client, long sourceKey, int now, ByteBuf out) {
    final int family = client.familyIndex();
    return switch (parser.parse(target, query)) {
      case ANNOUNCE -> {
        metrics.announceRequests[family].inc();
        yield announce(client, now, out);
      }
      case SCRAPE -> {
        metrics.scrapeRequests[family].inc();
        yield scrape(client, sourceKey, now, out);
      }
      case FAILURE -> {
        metrics.invalidRequests[family].inc();
        limits.invalid(sourceKey, now * NANOS_PER_SECOND);
        final FailureReason reason = query.failure();
        failure(reason, family, out);
        yield reason == FailureReason.UNKNOWN_PATH ? Reply.NOT_FOUND : Reply.FAILURE;
      }
    };
  }

  /** Writes a server-side failure (proxy header, shutdown, ...) and counts it as an error response. */
  void failure(ServerFailure reason, int family, ByteBuf out, int retryInMinutes) {
    FailureResponseWriter.write(
        out,
        reason.text(),
        retryInMinutes == FailureResponseWriter.OMIT ? FailureResponseWriter.OMIT : minAnnounceInterval,
        retryInMinutes);
    metrics.errorResponses[family].inc();
    metrics.failure(reason);
  }

  private Reply announce(PeerAddress client, int now, ByteBuf out) {
    final AnnounceQuery q = query.announce();
    final int family = client.familyIndex();
    if (!accessList.current().allows(q.infoHashA(), q.infoHashB(), q.infoHashC())) {
      failure(FailureReason.INFO_HASH_NOT_ALLOWED, family, out);
      return Reply.FAILURE;
    }
    if (q.unknownEvent()) {
      metrics.unknownEvents.inc();
    }
    final AnnounceSlot a = announce;
    a.infoHash.set(q.infoHashA(), q.infoHashB(), q.infoHashC());
    client.copyTo(a);
    a.port = q.port();
    a.seeder = q.left() == 0;
    a.stopped = q.event() == HttpAnnounceEvent.STOPPED;
    a.completed = q.event() == HttpAnnounceEvent.COMPLETED;
    a.peersWanted = q.numWant() == 0 ? maxPeers : Math.min(q.numWant(), maxPeers);
    store.announce(a, now);
    final int interval = shedding.announceInterval();
    if (q.compact()) {
      writeCompact(a, interval, out);
    } else {
      writeDictionary(a, interval, out);
    }
    metrics.announceResponses[family].inc();
    return Reply.ANNOUNCE;
  }

  /** BEP 23 / BEP 7: the requester's family fills its key, the other key is empty. */
  private void writeCompact(AnnounceSlot a, int announceInterval, ByteBuf out) {
    final int n = a.peerCount;
    final long[] words = a.peerWords;
    out.ensureWritable(AnnounceResponseWriter.compactMaxLength(a.ipv6 ? 0 : n, a.ipv6 ? n : 0, 0));
    AnnounceResponseWriter.writeCompactHeader(
        out, a.seeders, a.leechers, announceInterval, minAnnounceInterval);
    if (a.ipv6) {
      AnnounceResponseWriter.startIpv4Peers(out, 0);
      AnnounceResponseWriter.startIpv6Peers(out, n);
      for (int i = 0, w = 0; i < n; i++, w += PeerWords.IPV6_STRIDE) {
        AnnounceResponseWriter.writeIpv6Peer(
            out, words[w], words[w + 1], PeerWords.port(words[w + 2]));
      }
    } else {
      AnnounceResponseWriter.startIpv4Peers(out, n);
      for (int i = 0; i < n; i++) {
        AnnounceResponseWriter.writeIpv4Peer(
            out, PeerWords.ipv4(words[i]), PeerWords.port(words[i]));
      }
      AnnounceResponseWriter.startIpv6Peers(out, 0);
    }
    AnnounceResponseWriter.endCompact(out);
  }

  /**
   * BEP 3 dictionary list for {@code compact=0}. The store keeps no peer ids (a peer is its address
   * and port), so entries never carry {@code peer id}: what {@code no_peer_id=1} asks for, and
   * what BEP 23 trackers commonly send.
   */
  private void writeDictionary(AnnounceSlot a, int announceInterval, ByteBuf out) {
    final int n = a.peerCount;
    final long[] words = a.peerWords;
    out.ensureWritable(
        AnnounceResponseWriter.COMPACT_FIXED_MAX_LENGTH
            + n * AnnounceResponseWriter.DICTIONARY_PEER_MAX_LENGTH);
    AnnounceResponseWriter.writeDictionaryHeader(
        out, a.seeders, a.leechers, announceInterval, minAnnounceInterval);
    if (a.ipv6) {
      for (int i = 0, w = 0; i < n; i++, w += PeerWords.IPV6_STRIDE) {
        AnnounceResponseWriter.writeIpv6PeerDictionary(
            out, words[w], words[w + 1], PeerWords.port(words[w + 2]));
      }
    } else {
      for (int i = 0; i < n; i++) {
        AnnounceResponseWriter.writeIpv4PeerDictionary(
            out, PeerWords.ipv4(words[i]), PeerWords.port(words[i]));
      }
    }
    AnnounceResponseWriter.endDictionary(out);
  }

  private Reply scrape(PeerAddress client, long sourceKey, int now, ByteBuf out) {
    if (shedding.shedding()) {
      shedding.shed(ShedAction.RETRY_IN);
      failure(ServerFailure.OVERLOADED, client.familyIndex(), out, shedding.retryInMinutes());
      return Reply.FAILURE;
    }
    final ScrapeQuery q = query.scrape();
    final int count = q.hashCount();
    if (q.hashesPresent() > q.capacity()) {
      metrics.scrapeHashesTruncated[client.familyIndex()].inc(q.hashesPresent() - q.capacity());
    }
    for (int i = 0; i < count; i++) {
      final long nowNanos = now * NANOS_PER_SECOND;
      switch (limits.scrapedTorrent(
          sourceKey, q.infoHashA(i), q.infoHashB(i), q.infoHashC(i), nowNanos)) {
        case ALLOWED -> { }
        case NOTIFY -> {
          failure(ServerFailure.TOO_MANY_TORRENTS_SCRAPED, client.familyIndex(), out,
              limits.retryInMinutes());
          return Reply.LIMITED_NOTICE;
        }
        case DROP -> {
          return Reply.LIMITED_CLOSE;
        }
      }
    }
    out.ensureWritable(ScrapeResponseWriter.maxLength(count));
    ScrapeResponseWriter.writeHeader(out);
    final boolean v6 = client.isIpv6();
    for (int i = 0; i < count; i++) {
      announce.infoHash.set(q.infoHashA(i), q.infoHashB(i), q.infoHashC(i));
      store.scrape(announce.infoHash, v6, scrapeCounts);
      ScrapeResponseWriter.writeEntry(
          out,
          q.infoHashA(i),
          q.infoHashB(i),
          q.infoHashC(i),
          scrapeCounts.seeders,
          scrapeCounts.completed,
          scrapeCounts.leechers);
    }
    ScrapeResponseWriter.end(out);
    metrics.scrapeResponses[client.familyIndex()].inc();
    return Reply.SCRAPE;
  }

  private void failure(FailureReason reason, int family, ByteBuf out) {
    FailureResponseWriter.write(out, reason);
    metrics.errorResponses[family].inc();
    metrics.failure(reason);
  }
}
