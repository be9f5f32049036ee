package org.aquaticjava.benchmarks.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.benchmarks.swarm.ZipfPopulation;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.swarm.PeerAddress;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.http.HttpConfig;
import org.aquaticjava.http.HttpMetrics;
import org.aquaticjava.http.HttpRequestProcessor;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.AnnounceResponseWriter;
import org.aquaticjava.http.protocol.BencodeException;
import org.aquaticjava.http.protocol.BencodeReader;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.http.protocol.HttpAnnounceRequestWriter;
import org.aquaticjava.http.protocol.HttpQuery;
import org.aquaticjava.http.protocol.HttpQueryParser;
import org.aquaticjava.http.protocol.HttpParseOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTP tracker request through the real {@link HttpRequestProcessor}, as the connection handler
 * runs it once Netty has decoded the request head: parse the request target, check the (off-mode)
 * access list, update or read the swarm store, bencode the body into a reused direct buffer. No
 * sockets, no HTTP head decoding or framing: this is the tracker's own CPU cost per request, on top
 * of Netty's request decoder (which allocates the request object, its headers and the target
 * String) and the kernel's TCP work.
 *
 * <p>The store is populated through the processor itself: {@value #PEERS} IPv4 peers, each with its
 * own source address, over {@value #TORRENTS} torrents sized Zipf (s = 1.0) by {@link
 * ZipfPopulation}. The measured requests come from a pool of {@value #POOL} pre-built targets of
 * peers drawn uniformly (so torrents Zipf-weighted), in libtorrent's parameter order and encoding
 * ({@link HttpAnnounceRequestWriter}):
 *
 * <ul>
 *   <li>{@code announce}: a re-announce of an existing peer with {@code key}, {@code numwant=50}
 *       (the default max_peers), {@code compact=1}, {@code no_peer_id=1}; one in 16 carries {@code
 *       event=started}. The body is a compact response with up to 50 peers.
 *   <li>{@code scrape}: 1 to 10 (uniform) Zipf-drawn info hashes.
 *   <li>{@code queryDecode}: only the target parser of the announces.
 *   <li>{@code announceEncode}: only {@link AnnounceResponseWriter}, a compact response of 50 IPv4
 *       peers, as {@code announce} writes it.
 * </ul>
 *
 * Setup checks that every pooled request is answered as intended (a bencoded announce or scrape
 * body, not a failure). Run with {@code -prof gc}: every variant should allocate 0 B/op.
 *
 * <pre>
 * java -jar aquatic-benchmarks/target/benchmarks.jar HttpHotPathBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HttpHotPathBenchmark {
  static final int TORRENTS = 100_000;
  static final int PEERS = 1_000_000;
  static final int POOL = 1 << 16;
  static final int NOW = 1_000;
  static final int NUM_WANT = 50;
  static final int MAX_SCRAPE_HASHES = 10;
  private static final int OUT_CAPACITY = 8192;

  /** The populated store, the processor and the request pools. */
  @State(Scope.Thread)
  public static class Tracker {
    HttpRequestProcessor processor;
    HttpQueryParser parser;
    HttpQuery query;
    ByteBuf out;
    final String[] announces = new String[POOL];
    final String[] scrapes = new String[POOL];
    final PeerAddress[] clients = new PeerAddress[POOL];
    /** The clients' keys in the processor's per-source limits ([rate_limit] defaults). */
    final long[] clientKeys = new long[POOL];
    SourceLimits limits;
    /** For announceEncode: counts and peers as the store would hand them out. */
    final int[] seeders = new int[POOL];
    final int[] leechers = new int[POOL];
    final int[] peerIps = new int[POOL + NUM_WANT];
    final int[] peerPorts = new int[POOL + NUM_WANT];
    int cursor;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      final HttpConfig.Protocol protocol = HttpConfig.DEFAULTS.protocol();
      final HttpMetrics.Worker metrics = new HttpMetrics(new TrackerMetrics()).forWorker(0);
      limits =
          new SourceLimits(
              RateLimitConfig.DEFAULTS, EnumSet.of(SourceLimits.Kind.HTTP_REQUEST), metrics.sourceLimits());
      processor =
          new HttpRequestProcessor(
              protocol,
              new SwarmStore(SwarmSettings.DEFAULTS, 1),
              AccessListHolder.load(AccessListConfig.DEFAULTS),
              metrics,
              limits,
              new OverloadMetrics(new TrackerMetrics(), "http")
                  .worker(0, OverloadConfig.DEFAULTS, 900, 1800, LoadShedding.NO_READS));
      parser = new HttpQueryParser(protocol.announcePath(), protocol.scrapePath());
      query = new HttpQuery(protocol.maxScrapeTorrents());
      out = Unpooled.directBuffer(OUT_CAPACITY);

      final ZipfPopulation population = new ZipfPopulation(TORRENTS, PEERS, 1.0, 1);
      final byte[][] hashes = new byte[TORRENTS][];
      for (int t = 0; t < TORRENTS; t++) {
        hashes[t] = population.infoHash(t);
      }
      final BencodeReader bencode = new BencodeReader();
      final ByteBuf target = Unpooled.buffer(256);
      final PeerAddress client = new PeerAddress();
      for (int t = 0; t < TORRENTS; t++) {
        for (int p = population.firstPeer(t), end = p + population.swarmSize(t); p < end; p++) {
          final String populating = announceTarget(target, hashes[t], p, HttpAnnounceEvent.STARTED);
          client.set(addressOf(p));
          out.clear();
          processor.process(populating, client, limits.key(client), NOW, out);
          if (p == 0) {
            checkAnnounce(bencode, out, 0, populating); // the first peer of an empty swarm
          }
        }
      }

      final SplittableRandom random = new SplittableRandom(2);
      for (int i = 0; i < POOL; i++) {
        final int peer = random.nextInt(PEERS);
        final int torrent = population.torrentOf(peer);
        clients[i] = PeerAddress.of(addressOf(peer));
        clientKeys[i] = limits.key(clients[i]);
        announces[i] =
            announceTarget(
                target, hashes[torrent], peer, (i & 15) == 0 ? HttpAnnounceEvent.STARTED : HttpAnnounceEvent.NONE);
        out.clear();
        processor.process(announces[i], clients[i], clientKeys[i], NOW, out);
        checkAnnounce(bencode, out, population.swarmSize(torrent) - 1, announces[i]);

        final List<byte[]> scraped = new ArrayList<>();
        for (int n = 1 + random.nextInt(MAX_SCRAPE_HASHES); scraped.size() < n; ) {
          final byte[] hash = hashes[population.torrentOf(random.nextInt(PEERS))];
          if (!scraped.contains(hash)) {
            scraped.add(hash);
          }
        }
        target.clear();
        HttpAnnounceRequestWriter.writeScrapeTarget(target, protocol.scrapePath(), scraped);
        scrapes[i] = target.toString(StandardCharsets.US_ASCII);
        out.clear();
        processor.process(scrapes[i], clients[i], clientKeys[i], NOW, out);
        checkScrape(bencode, out, scraped.size(), scrapes[i]);

        seeders[i] = random.nextInt(1000);
        leechers[i] = random.nextInt(1000);
      }
      for (int i = 0; i < peerIps.length; i++) {
        final int peer = random.nextInt(PEERS);
        peerIps[i] = ZipfPopulation.ipv4(peer);
        peerPorts[i] = ZipfPopulation.port(peer);
      }
      target.release();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      out.release();
    }

    /** The target libtorrent sends for global peer {@code peer}: 20-byte peer id, 8-hex-digit key. */
    private static String announceTarget(ByteBuf target, byte[] infoHash, int peer, HttpAnnounceEvent event) {
      final boolean seeder = ZipfPopulation.isSeeder(peer);
      final byte[] peerId = String.format("-lt2090-%012d", peer).getBytes(StandardCharsets.US_ASCII);
      final byte[] key = String.format("%08X", peer * 0x2545F491).getBytes(StandardCharsets.US_ASCII);
      final long uploaded = (peer & 0xFFFFL) * 163_840L;
      final long left = seeder ? 0 : 734_003_200L - (peer & 0xFFF) * 16_384L;
      final HttpAnnounceRequest request =
          new HttpAnnounceRequest(
              HttpQueryParser.DEFAULT_ANNOUNCE_PATH,
              infoHash,
              peerId,
              ZipfPopulation.port(peer),
              uploaded,
              seeder ? 734_003_200L : (peer & 0xFFF) * 16_384L,
              left,
              event,
              NUM_WANT,
              true,
              true,
              key);
      target.clear();
      HttpAnnounceRequestWriter.writeAnnounceTarget(target, request);
      return target.toString(StandardCharsets.US_ASCII);
    }

    /** Peer {@code peer}'s distinct IPv4 source address, the one the population announces. */
    private static InetAddress addressOf(int peer) throws UnknownHostException {
      final int ip = ZipfPopulation.ipv4(peer);
      return InetAddress.getByAddress(
          new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
    }

    /**
     * A compact IPv4 announce body for a swarm of {@code others} peers besides the requester: they
     * are counted, and {@code min(others, numwant)} of them are listed.
     */
    private static void checkAnnounce(BencodeReader reader, ByteBuf body, int others, String target)
        throws BencodeException {
      final BencodeValue.Dict dict = dictOf(reader, body, target);
      final long counted = dict.integer("complete") + dict.integer("incomplete");
      if (counted != others
          || dict.bytes("peers").length != 6 * Math.min(others, NUM_WANT)
          || dict.bytes("peers6").length != 0) {
        throw new IllegalStateException("unexpected announce response to " + target + ": " + dict);
      }
    }

    /** A scrape body with {@code hashes} entries, each of a torrent with peers. */
    private static void checkScrape(BencodeReader reader, ByteBuf body, int hashes, String target)
        throws BencodeException {
      final BencodeValue.Dict files = dictOf(reader, body, target).dict("files");
      if (files.entries().size() != hashes) {
        throw new IllegalStateException("unexpected scrape response to " + target + ": " + files);
      }
      for (BencodeValue entry : files.entries().values()) {
        final BencodeValue.Dict counts = (BencodeValue.Dict) entry;
        if (counts.integer("complete") + counts.integer("incomplete") < 1) {
          throw new IllegalStateException("scrape of an empty torrent in " + target + ": " + files);
        }
      }
    }

    private static BencodeValue.Dict dictOf(BencodeReader reader, ByteBuf body, String target)
        throws BencodeException {
      if (!(reader.read(body.duplicate()) instanceof BencodeValue.Dict dict)
          || dict.get("failure reason") != null) {
        throw new IllegalStateException(
            "request failed: " + target + " -> " + body.toString(StandardCharsets.ISO_8859_1));
      }
      return dict;
    }
  }

  @Benchmark
  public int announce(Tracker t) {
    final int i = t.cursor++ & (POOL - 1);
    final ByteBuf out = t.out;
    out.clear();
    t.processor.process(t.announces[i], t.clients[i], t.clientKeys[i], NOW, out);
    return out.writerIndex();
  }

  @Benchmark
  public int scrape(Tracker t) {
    final int i = t.cursor++ & (POOL - 1);
    final ByteBuf out = t.out;
    out.clear();
    t.processor.process(t.scrapes[i], t.clients[i], t.clientKeys[i], NOW, out);
    return out.writerIndex();
  }

  @Benchmark
  public int queryDecode(Tracker t) {
    final int i = t.cursor++ & (POOL - 1);
    final HttpParseOutcome outcome = t.parser.parse(t.announces[i], t.query);
    return outcome.ordinal() + t.query.announce().port();
  }

  @Benchmark
  public int announceEncode(Tracker t) {
    final int i = t.cursor++ & (POOL - 1);
    final ByteBuf out = t.out;
    out.clear();
    final HttpConfig.Protocol protocol = HttpConfig.Protocol.DEFAULTS;
    out.ensureWritable(AnnounceResponseWriter.compactMaxLength(NUM_WANT, 0, 0));
    AnnounceResponseWriter.writeCompactHeader(
        out, t.seeders[i], t.leechers[i], protocol.peerAnnounceInterval(), protocol.minAnnounceInterval());
    AnnounceResponseWriter.startIpv4Peers(out, NUM_WANT);
    for (int p = i, end = i + NUM_WANT; p < end; p++) {
      AnnounceResponseWriter.writeIpv4Peer(out, t.peerIps[p], t.peerPorts[p]);
    }
    AnnounceResponseWriter.startIpv6Peers(out, 0);
    AnnounceResponseWriter.endCompact(out);
    return out.writerIndex();
  }
}
