package org.aquaticjava.benchmarks.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.metrics.TrackerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.udp.UdpConfig;
import org.aquaticjava.udp.UdpMetrics;
import org.aquaticjava.udp.UdpRequestProcessor;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request through the real {@link UdpRequestProcessor}, as a socket worker runs it: parse the
 * datagram, check the connection id and the (off-mode) access list, update or read the swarm
 * store, encode the response into a reused direct buffer. No sockets: this is the tracker's own
 * CPU cost per request, on top of the kernel's per-datagram work.
 *
 * <p>The store is populated through the processor itself: {@value #PEERS} IPv4 peers, each with its
 * own source address, over {@value #TORRENTS} torrents drawn Zipf (s = 1.0). The measured requests
 * come from a pool of {@value #POOL} pre-built datagrams from as many distinct peers (valid
 * connection ids issued by the validator): announces re-announce an existing peer with num_want 50
 * (capped to the default max_response_peers 30), scrapes ask for one Zipf-drawn torrent, connects
 * are the 16-byte BEP 15 request. Run with {@code -prof gc}: every variant should allocate 0 B/op.
 *
 * <pre>
 * java -jar aquatic-benchmarks/target/benchmarks.jar UdpHotPathBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class UdpHotPathBenchmark {
  static final int TORRENTS = 100_000;
  static final int PEERS = 1_000_000;
  static final int POOL = 1 << 16;
  static final int NOW = 1_000;
  static final int NUM_WANT = 50;
  private static final long PROTOCOL_ID = 0x41727101980L;
  private static final int ANNOUNCE_LENGTH = 98;

  /** The populated store, the processor and the datagram pools. */
  @State(Scope.Thread)
  public static class Tracker {
    UdpRequestProcessor processor;
    SwarmStore store;
    ByteBuf out;
    final ByteBuf[] announces = new ByteBuf[POOL];
    final ByteBuf[] scrapes = new ByteBuf[POOL];
    final ByteBuf[] connects = new ByteBuf[POOL];
    final InetSocketAddress[] senders = new InetSocketAddress[POOL];
    int cursor;

    private ConnectionIdValidator validator;
    private byte[][] hashes;
    private int[] torrentOfPeer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      store = new SwarmStore(SwarmSettings.DEFAULTS, 1);
      validator = new ConnectionIdValidator(120, 180);
      processor =
          new UdpRequestProcessor(
              UdpConfig.DEFAULTS,
              store,
              validator,
              AccessListHolder.load(AccessListConfig.DEFAULTS),
              new UdpMetrics(new TrackerMetrics()).forWorker(0, "4"),
              new OverloadMetrics(new TrackerMetrics(), "udp")
                  .worker(0, OverloadConfig.DEFAULTS, 900, 1200, 64),
              "bench");
      out = Unpooled.directBuffer(processor.maxResponseLength());

      final SplittableRandom random = new SplittableRandom(1);
      hashes = new byte[TORRENTS][20];
      for (byte[] hash : hashes) {
        for (int i = 0; i < hash.length; i++) {
          hash[i] = (byte) random.nextInt(256);
        }
      }
      final double[] cumulative = zipfCumulative(TORRENTS, 1.0);
      torrentOfPeer = new int[PEERS];
      final ByteBuf datagram = Unpooled.directBuffer(ANNOUNCE_LENGTH);
      for (int peer = 0; peer < PEERS; peer++) {
        torrentOfPeer[peer] = sample(cumulative, random);
        final InetSocketAddress sender = senderOf(peer);
        datagram.clear();
        writeAnnounce(datagram, peer, sender, isSeeder(peer) ? 1 : 2);
        out.clear();
        if (!processor.process(datagram, sender, NOW, out)) {
          throw new IllegalStateException("populating announce of peer " + peer + " not answered");
        }
      }
      datagram.release();

      for (int i = 0; i < POOL; i++) {
        final int peer = random.nextInt(PEERS);
        senders[i] = senderOf(peer);
        announces[i] = Unpooled.directBuffer(ANNOUNCE_LENGTH);
        writeAnnounce(announces[i], peer, senders[i], 0);
        scrapes[i] = Unpooled.directBuffer(36);
        writeScrape(scrapes[i], senders[i], hashes[sample(cumulative, random)]);
        connects[i] = Unpooled.directBuffer(16);
        connects[i].writeLong(PROTOCOL_ID).writeInt(0).writeInt(i);
      }
    }

    private static boolean isSeeder(int peer) {
      return peer % 3 == 0;
    }

    /** Peer {@code i} has a distinct, scattered IPv4 address and one of 256 ports. */
    private static InetSocketAddress senderOf(int peer) throws UnknownHostException {
      final int ip = (peer + 1) * 0x9E3779B1;
      final byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
      return new InetSocketAddress(InetAddress.getByAddress(b), 6881 + (peer & 255));
    }

    private long connectionId(InetSocketAddress sender) {
      return validator.issue(sender.getAddress().hashCode(), NOW);
    }

    private void writeAnnounce(ByteBuf b, int peer, InetSocketAddress sender, int event) {
      b.writeLong(connectionId(sender)).writeInt(1).writeInt(peer);
      b.writeBytes(hashes[torrentOfPeer[peer]]);
      b.writeLong(0x2D414A303130302DL).writeLong(peer).writeInt(peer); // peer id
      b.writeLong(0).writeLong(isSeeder(peer) ? 0 : 50).writeLong(0); // downloaded, left, up
      b.writeInt(event).writeInt(0).writeInt(peer).writeInt(NUM_WANT).writeShort(sender.getPort());
    }

    private void writeScrape(ByteBuf b, InetSocketAddress sender, byte[] hash) {
      b.writeLong(connectionId(sender)).writeInt(2).writeInt(7).writeBytes(hash);
    }

    private static double[] zipfCumulative(int n, double s) {
      final double[] c = new double[n];
      double sum = 0;
      for (int r = 1; r <= n; r++) {
        sum += Math.pow(r, -s);
        c[r - 1] = sum;
      }
      for (int i = 0; i < n; i++) {
        c[i] /= sum;
      }
      return c;
    }

    private static int sample(double[] cumulative, SplittableRandom random) {
      final int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
      return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
    }
  }

  @Benchmark
  public int announce(Tracker t) {
    return run(t, t.announces);
  }

  @Benchmark
  public int scrape(Tracker t) {
    return run(t, t.scrapes);
  }

  @Benchmark
  public int connect(Tracker t) {
    return run(t, t.connects);
  }

  private static int run(Tracker t, ByteBuf[] pool) {
    final int i = t.cursor++ & (POOL - 1);
    final ByteBuf datagram = pool[i];
    datagram.readerIndex(0);
    final ByteBuf out = t.out;
    out.clear();
    return t.processor.process(datagram, t.senders[i], NOW, out) ? out.writerIndex() : -1;
  }
}
