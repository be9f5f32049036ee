package org.aquaticjava.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.metrics.TrackerMetrics;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.swarm.PeerAddress;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.http.ResponseFraming.Connection;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.HttpAnnounceRequestWriter;
import org.aquaticjava.testkit.ThreadAllocation;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.junit.jupiter.api.Test;

/**
 * The tracker's own part of a request (parse the target, update the store, write the body, frame
 * the response) allocates nothing, measured with the JVM's per-thread allocation counter. Netty's
 * decoder objects (request, headers, URI string) are outside this path. Not a timing test.
 */
class AllocationFreeProcessingTest {
  private static final int ROUNDS = 5_000;
  /**
   * Slack for the measuring calls and for the JIT still settling on a loaded machine (seen: 5 KB
   * over 20,000 requests). One 16-byte allocation per request would be 320 KB, far above.
   */
  private static final long TOLERATED_BYTES = 64 * 1024;

  private final HttpRequestProcessor processor;
  private final PeerAddress v4 = new PeerAddress();
  private final PeerAddress v6 = new PeerAddress();
  private final long v4Key;
  private final long v6Key;
  private final String[] announces = new String[4];
  private final String compactZero;
  private final String scrape;
  private final String bad = "/announce?info_hash=abc";
  private final ByteBuf out = Unpooled.buffer(16_384);

  AllocationFreeProcessingTest() throws Exception {
    final HttpMetrics.Worker metrics = new HttpMetrics(new TrackerMetrics()).forWorker(0);
    // The default limits, which scrapes go through (distinct scraped torrents).
    final SourceLimits limits =
        new SourceLimits(
            RateLimitConfig.DEFAULTS, EnumSet.of(SourceLimits.Kind.HTTP_REQUEST), metrics.sourceLimits());
    processor =
        new HttpRequestProcessor(
            HttpConfig.Protocol.DEFAULTS,
            new SwarmStore(SwarmSettings.DEFAULTS, 42),
            AccessListHolder.load(AccessListConfig.DEFAULTS),
            metrics,
            limits,
            new OverloadMetrics(new TrackerMetrics(), "http")
                .worker(0, OverloadConfig.DEFAULTS, 900, 1800, LoadShedding.NO_READS));
    v4.set(InetAddress.ofLiteral("192.0.2.1"));
    v6.set(InetAddress.ofLiteral("2001:db8::1"));
    v4Key = limits.key(PeerAddress.of(InetAddress.ofLiteral("192.0.2.1")));
    v6Key = limits.key(PeerAddress.of(InetAddress.ofLiteral("2001:db8::1")));
    for (int i = 0; i < announces.length; i++) {
      announces[i] =
          HttpAnnounceRequestWriter.announceTarget(
              HttpAnnounceRequest.of(Hashes.filled(0x10), Hashes.peerId(i), 6881 + i,
                  HttpAnnounceEvent.NONE, i % 2));
    }
    compactZero =
        HttpAnnounceRequestWriter.announceTarget(
            new HttpAnnounceRequest("/announce", Hashes.filled(0x10), Hashes.peerId(9), 7000, 0, 0, 1,
                HttpAnnounceEvent.NONE, 10, false, true, null));
    scrape = HttpTestClient.scrapeTarget("/scrape", List.of(Hashes.filled(0x10), Hashes.filled(2)));
  }

  private long respond(CharSequence target, PeerAddress client, int now) {
    out.setIndex(ResponseFraming.HEAD_ROOM, ResponseFraming.HEAD_ROOM);
    final Reply reply = processor.process(target, client, client == v4 ? v4Key : v6Key, now, out);
    ResponseFraming.frame(out, reply.status(), Connection.DEFAULT);
    return out.readableBytes();
  }

  private long round(int i) {
    long sink = 0;
    final PeerAddress client = (i & 1) == 0 ? v4 : v6;
    sink += respond(announces[i & 3], client, 10);
    sink += respond(compactZero, client, 10);
    sink += respond(scrape, client, 10);
    sink += respond(bad, client, 10);
    return sink;
  }

  @Test
  void processingAndFramingAllocateNothing() {
    ThreadAllocation.assertAllocatesLessThan(TOLERATED_BYTES, ROUNDS, this::round);
  }
}
