package org.aquaticjava.benchmarks.swarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.persist.WarmRestart;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm restart at scale: the time to write a snapshot of a store holding a Zipf population
 * (default 1,000,000 torrents, 10,000,000 IPv4 peers; see {@link ZipfPopulation}) to a real file
 * (with fsync and rename) and the time to load it into a new store at start-up. The snapshot's size
 * is printed at set-up. Single-shot: each is one whole snapshot. Run on a quiet machine, e.g.
 *
 * <pre>
 * java -jar aquatic-benchmarks/target/benchmarks.jar SnapshotBenchmark -p dir=/var/tmp
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class SnapshotBenchmark {

  /** A populated tracker's warm restart and the file it writes. */
  @State(Scope.Benchmark)
  public static class Tracker {
    @Param({"1000000"})
    int torrents;

    @Param({"10000000"})
    int peers;

    /** Directory of the snapshot file (a real disk, not tmpfs, for meaningful fsync times). */
    @Param({"/var/tmp"})
    String dir;

    SwarmSettings settings;
    PersistenceConfig config;
    WarmRestart running;
    Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      file = Files.createTempDirectory(Path.of(dir), "snapshot-bench").resolve("swarms.snapshot");
      config = new PersistenceConfig(file.toString(), 300);
      settings = SwarmSettings.DEFAULTS;
      running = WarmRestart.restore(config, settings, InfoHashFilter.ALLOW_ALL);
      new ZipfPopulation(torrents, peers, 1.0, 1).populate(running.store(), 0);
      if (!running.snapshotNow()) {
        throw new IllegalStateException("snapshot to " + file + " failed");
      }
      System.out.printf("%nsnapshot: %,d bytes for %,d torrents and %,d peers%n",
          Files.size(file), torrents, peers);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.getParent());
    }
  }

  @Benchmark
  public boolean write(Tracker tracker) {
    return tracker.running.snapshotNow();
  }

  @Benchmark
  public WarmRestart load(Tracker tracker) {
    return WarmRestart.restore(tracker.config, tracker.settings, InfoHashFilter.ALLOW_ALL);
  }
}
