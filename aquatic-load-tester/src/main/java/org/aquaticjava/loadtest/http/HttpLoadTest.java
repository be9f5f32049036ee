package org.aquaticjava.loadtest.http;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.aquaticjava.loadtest.LoadRun;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.LoopbackTarget;
import org.aquaticjava.loadtest.PeerPool;
import org.aquaticjava.loadtest.TorrentPool;
import org.aquaticjava.loadtest.UnverifiedTls;
import io.netty.handler.ssl.SslContext;
import org.aquaticjava.netty.IoTransport;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP load test as a callable: {@link #run} generates the workload, starts one Netty event
 * loop per worker (epoll where available, else NIO), over TLS if configured ({@link
 * UnverifiedTls}), runs for the configured duration and returns
 * the counts, so tests can run it in-process against a tracker and compare with the tracker's
 * metrics. The CLI ({@link HttpLoadTestCommand}) is a thin wrapper.
 */
public final class HttpLoadTest {
  /** Response type names in the result's {@code responsesByType}: announce, scrape. */
  public static final List<String> RESPONSE_TYPES = ReplyKind.NAMES;

  private HttpLoadTest() {}

  /**
   * Runs one load test. Blocks for {@code load.duration} seconds plus at most one request timeout.
   *
   * @param progress receives the start-up line, the periodic progress lines and the connection
   *     statistics (a human line and one machine-readable {@code CONNECTIONS} line)
   * @throws IllegalArgumentException if the config has problems or the target is not loopback
   * @throws SSLException if the client TLS context cannot be built
   */
  public static HttpRunResult run(HttpLoadTestConfig config, PrintWriter progress)
      throws InterruptedException, SSLException {
    final List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    final InetSocketAddress target = LoopbackTarget.resolve(config.serverAddress());
    config.sources().checkTarget(target);
    final TorrentPool torrents = TorrentPool.generate(config.workload());
    final PeerPool peers = PeerPool.generate(config.workload(), torrents);
    final IoTransport transport = IoTransport.EPOLL.isAvailable() ? IoTransport.EPOLL : IoTransport.NIO;
    final @Nullable SslContext tls =
        config.network().tls() ? UnverifiedTls.client(config.network().tlsProtocol()) : null;
    final boolean openLoop = config.load().rate() > 0;
    progress.printf(
        "http load test: target %s, %d worker(s), %d connection(s) %s, %s, %s, %s, %d s%n",
        target,
        config.workers(),
        config.network().connections(),
        config.network().describe(),
        config.sources().describe(),
        transport.label(),
        openLoop ? "open loop at " + config.load().rate() + " req/s" : "closed loop",
        config.load().duration());
    final List<HttpLoadWorker> workers = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      workers.add(new HttpLoadWorker(config, i, target, transport, tls, torrents, peers));
    }
    final LoadTestResult result =
        new LoadRun("http", RESPONSE_TYPES, config.load(), progress).run(workers);
    HttpConnectionStats stats = new HttpConnectionStats(0, 0, 0, 0, 0, null);
    for (final HttpLoadWorker worker : workers) {
      stats = stats.plus(worker.stats());
    }
    progress.printf(
        "connections: %d opened, %d failed%s, %d closed by the tracker; replies: %d status 429,"
            + " %d failures with retry in%n",
        stats.opened(),
        stats.connectFailures(),
        stats.firstConnectFailure() == null ? "" : " (first: " + stats.firstConnectFailure() + ")",
        stats.closedByTracker(),
        stats.status429(),
        stats.retryIn());
    progress.println(stats.summaryLine());
    return new HttpRunResult(result, stats);
  }
}
