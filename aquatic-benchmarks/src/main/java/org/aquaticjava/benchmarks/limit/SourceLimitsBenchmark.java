package org.aquaticjava.benchmarks.limit;

import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.limit.SourceLimitMetrics;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.limit.SourceLimits.Kind;
import org.aquaticjava.core.limit.SourceLimits.Verdict;
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
 * What the per-source limits add to one request, on one socket worker's {@link SourceLimits}
 * with the default {@code [rate_limit]}: the key of the source address plus the ban and bucket
 * check. The clock is simulated at one request a microsecond (a busy worker).
 *
 * <ul>
 *   <li>{@code wellBehaved}: 10,000 sources in turn, none near its limit (the common case);
 *   <li>{@code spoofedFlood}: a new random source every request, so every call evicts an entry;
 *   <li>{@code abuser}: one source whose bucket is empty (the refusal and notice path);
 *   <li>{@code scrapedTorrent}: the distinct-torrents estimate for one scraped info hash.
 * </ul>
 *
 * Run with {@code -prof gc}: every benchmark should allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class SourceLimitsBenchmark {
  private static final int SOURCES = 10_000;
  private static final int RANDOM_ADDRESSES = 1 << 20;
  private static final long NANOS_PER_REQUEST = 1_000;

  private SourceLimits limits;
  private final int[] wellBehaved = new int[SOURCES];
  private final int[] spoofed = new int[RANDOM_ADDRESSES];
  private final long[] torrents = new long[RANDOM_ADDRESSES];
  private long abuserKey;
  private int next;
  private long now;

  @Setup(Level.Trial)
  public void setUp() {
    final SourceLimitMetrics.Worker metrics =
        new SourceLimitMetrics(new TrackerMetrics(), "udp").forWorker(0);
    limits = new SourceLimits(RateLimitConfig.DEFAULTS, EnumSet.allOf(Kind.class), metrics);
    final SplittableRandom random = new SplittableRandom(13);
    for (int i = 0; i < SOURCES; i++) {
      wellBehaved[i] = 0x0A00_0000 + i;
    }
    for (int i = 0; i < RANDOM_ADDRESSES; i++) {
      spoofed[i] = random.nextInt();
      torrents[i] = random.nextLong();
    }
    abuserKey = limits.ipv4Key(0x7F00_0002);
    while (limits.request(Kind.UDP_ANNOUNCE, abuserKey, 0) == Verdict.ALLOWED) {
      // empty the abuser's bucket
    }
  }

  @Benchmark
  public Verdict wellBehaved() {
    final int i = next++ % SOURCES;
    now += NANOS_PER_REQUEST;
    return limits.request(Kind.UDP_ANNOUNCE, limits.ipv4Key(wellBehaved[i]), now);
  }

  @Benchmark
  public Verdict spoofedFlood() {
    final int i = next++ & (RANDOM_ADDRESSES - 1);
    now += NANOS_PER_REQUEST;
    return limits.request(Kind.UDP_CONNECT, limits.ipv4Key(spoofed[i]), now);
  }

  @Benchmark
  public Verdict abuser() {
    // The clock stands still: the bucket never refills, every call is refused.
    return limits.request(Kind.UDP_ANNOUNCE, abuserKey, 0);
  }

  @Benchmark
  public Verdict scrapedTorrent() {
    final int i = next++ & (RANDOM_ADDRESSES - 1);
    now += NANOS_PER_REQUEST;
    return limits.scrapedTorrent(
        limits.ipv4Key(wellBehaved[i % SOURCES]), torrents[i], torrents[i] * 31, i, now);
  }
}
