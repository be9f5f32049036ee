package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.Test;

/**
 * The server-side hot path (parse a target, write a response) allocates nothing, measured with the
 * JVM's per-thread allocation counter rather than believed from reading. Not a timing test: only
 * bytes are counted. The rounds run mostly interpreted, which is the stricter check (no escape
 * analysis to hide an allocation); JMH with {@code -prof gc} remains the proof for compiled code.
 */
class AllocationFreeTest {
  private static final int ROUNDS = 5_000;
  /** Slack for the measuring calls themselves; one allocation per round would be far above. */
  private static final long TOLERATED_BYTES = 4_096;

  private final HttpQueryParser parser = new HttpQueryParser();
  private final HttpQuery query = new HttpQuery(8);
  private final String announce = Golden.latin1("http/announce-request-libtorrent.txt");
  private final ByteBuf announceBytes =
      Unpooled.wrappedBuffer(Golden.bytes("http/announce-request-libtorrent.txt"));
  private final String scrape =
      "/scrape?info_hash=" + "%AA".repeat(20) + "&info_hash=" + "b".repeat(20)
          + "&info_hash=" + "%01".repeat(20);
  private final String failure = "/announce?info_hash=abc";
  private final ByteBuf out = Unpooled.buffer(8_192);
  private final byte[] peerId = new byte[20];

  private long round(int i) {
    out.clear();
    long sink = 0;
    sink += parser.parse(announce, query).ordinal() + query.announce().port();
    sink += parser.parse(announceBytes, query).ordinal();
    sink += parser.parse(scrape, query).ordinal() + query.scrape().hashCount();
    sink += parser.parse(failure, query).ordinal();
    FailureResponseWriter.write(out, query.failure(), 300, 5);
    AnnounceResponseWriter.writeCompactHeader(out, i, 2, 1800, 900);
    AnnounceResponseWriter.startIpv4Peers(out, 2);
    AnnounceResponseWriter.writeIpv4Peer(out, i, 6881);
    AnnounceResponseWriter.writeIpv4Peer(out, ~i, 51413);
    AnnounceResponseWriter.startIpv6Peers(out, 1);
    AnnounceResponseWriter.writeIpv6Peer(out, i, -i, 1);
    AnnounceResponseWriter.endCompact(out);
    AnnounceResponseWriter.writeDictionaryHeader(out, 1, 2, 1800, 900);
    AnnounceResponseWriter.writeIpv4PeerDictionary(out, i, 6881, peerId, 0);
    AnnounceResponseWriter.writeIpv6PeerDictionary(out, 0x20010db800000000L, i, 6881);
    AnnounceResponseWriter.endDictionary(out);
    ScrapeResponseWriter.writeHeader(out);
    ScrapeResponseWriter.writeEntry(out, i, i, i, i, 0, -i);
    ScrapeResponseWriter.end(out);
    return sink + out.writerIndex();
  }

  @Test
  void parsingAndWritingAllocateNothing() {
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int i = 0; i < ROUNDS; i++) {
      sink += round(i); // warm-up: class loading and lazy initialisation allocate
    }
    final long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < ROUNDS; i++) {
      sink += round(i);
    }
    final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(sink).isPositive();
    assertThat(allocated).as("bytes allocated by %d rounds", ROUNDS).isLessThan(TOLERATED_BYTES);
  }
}
