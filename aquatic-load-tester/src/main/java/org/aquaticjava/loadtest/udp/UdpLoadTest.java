package org.aquaticjava.loadtest.udp;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.loadtest.LoadRun;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.LoopbackTarget;
import org.aquaticjava.loadtest.PeerPool;
import org.aquaticjava.loadtest.SourceAddressRange;
import org.aquaticjava.loadtest.TorrentPool;

/**
 * The UDP load test as a callable: {@link #run} generates the workload, opens the workers' sockets,
 * runs for the configured duration and returns the counts, so tests can run it in-process against
 * a tracker and compare with the tracker's metrics. The CLI ({@link UdpLoadTestCommand}) is a thin wrapper.
 */
public final class UdpLoadTest {
  /** Response type names in the result's {@code responsesByType}: connect, announce, scrape. */
  public static final List<String> RESPONSE_TYPES = RequestKind.NAMES;

  private UdpLoadTest() {}

  /**
   * Runs one load test. Blocks for {@code load.duration} seconds plus at most one request timeout.
   *
   * @param progress receives the start-up line and the periodic progress lines
   * @throws IllegalArgumentException if the config has problems or the target is not loopback
   * @throws IOException if the sockets cannot be opened
   */
  public static LoadTestResult run(UdpLoadTestConfig config, PrintWriter progress)
      throws IOException, InterruptedException {
    final List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    final InetSocketAddress target = LoopbackTarget.resolve(config.serverAddress());
    config.sources().checkTarget(target);
    final SourceAddressRange sources = config.sources().range();
    if (config.mode() == UdpLoadMode.CONNECT_FLOOD) {
      return connectFlood(config, target, sources, progress);
    }
    final TorrentPool torrents = TorrentPool.generate(config.workload());
    final PeerPool peers = PeerPool.generate(config.workload(), torrents);
    final boolean openLoop = config.load().rate() > 0;
    progress.printf(
        "udp load test: target %s, %d worker(s) x %d socket(s), %d in flight per socket,"
            + " sources %s, %s, %d s%n",
        target,
        config.workers(),
        config.network().socketsPerWorker(),
        config.network().maxInFlightPerSocket(),
        sources == null ? "the route's address" : sources,
        openLoop ? "open loop at " + config.load().rate() + " req/s" : "closed loop",
        config.load().duration());
    final List<UdpLoadWorker> workers = new ArrayList<>();
    try {
      for (int i = 0; i < config.workers(); i++) {
        workers.add(UdpLoadWorker.open(config, i, target, torrents, peers));
      }
    } catch (IOException | RuntimeException e) {
      for (final UdpLoadWorker worker : workers) {
        worker.close();
      }
      throw e;
    }
    return new LoadRun("udp", RESPONSE_TYPES, config.load(), progress).run(workers);
  }

  /** The {@code connect_flood} mode: see {@link UdpConnectFloodWorker}. */
  private static LoadTestResult connectFlood(
      UdpLoadTestConfig config,
      InetSocketAddress target,
      SourceAddressRange sources,
      PrintWriter progress)
      throws InterruptedException {
    final int rate = config.load().rate();
    progress.printf(
        "udp connect flood: target %s, %d worker(s), sources %s, %s, %d s%n",
        target,
        config.workers(),
        sources,
        rate > 0 ? rate + " connects/s" : "unpaced",
        config.load().duration());
    final List<UdpConnectFloodWorker> workers = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      workers.add(new UdpConnectFloodWorker(target, sources, i, config.workers(), rate));
    }
    return new LoadRun("udp", RESPONSE_TYPES, config.load(), progress).run(workers);
  }
}
