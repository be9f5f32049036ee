package org.aquaticjava.loadtest.ws;

import io.netty.handler.ssl.SslContext;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.aquaticjava.loadtest.LoadConfig;
import org.aquaticjava.loadtest.LoadRun;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.LoopbackTarget;
import org.aquaticjava.loadtest.PeerPool;
import org.aquaticjava.loadtest.TorrentPool;
import org.aquaticjava.loadtest.UnverifiedTls;
import org.jspecify.annotations.Nullable;

/**
 * The WebTorrent load test as a callable: {@link #run} generates the workload, runs the workers for
 * the configured duration and returns the counts, so tests can run it in-process against a tracker
 * and compare with the tracker's metrics. The CLI ({@link WsLoadTestCommand}) is a thin wrapper.
 *
 * <p>Counting: requests are announces and scrapes ({@code sent}); each ends as an announce or
 * scrape response, an error reply, malformed or lost. Offers and answers relayed to the peers are
 * counted as messages of type {@code offer} and {@code answer} (malformed if they fail
 * validation); every valid offer is answered. Latency percentiles are those of announce responses.
 * An error reply is matched to the oldest request in flight with the same action, so an error
 * refusing an <em>answer</em> (e.g. its offer expired) may be taken for an announce's reply.
 */
public final class WsLoadTest {
  /** Message type names in the result's {@code responsesByType}. */
  public static final List<String> MESSAGE_TYPES = WsMessageType.NAMES;

  /** Pause between the warm-up and the measured run. */
  private static final long WARMUP_SETTLE_MILLIS = 1000;

  private WsLoadTest() {}

  /**
   * Runs one load test. Blocks for {@code warmup_duration} plus {@code load.duration} seconds, plus
   * at most one request timeout and a short quiet period after each.
   *
   * @param progress receives the start-up line, the periodic progress lines and the connection
   *     statistics
   * @throws IllegalArgumentException if the config has problems or the target is not loopback
   */
  public static WsRunResult run(WsLoadTestConfig config, PrintWriter progress)
      throws InterruptedException, SSLException {
    final List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    final InetSocketAddress target = LoopbackTarget.resolve(config.serverAddress());
    config.sources().checkTarget(target);
    final URI uri = uri(target, config.tls(), config.websocketPath());
    final @Nullable SslContext ssl =
        config.tls()
            ? UnverifiedTls.client("")
            : null;
    final ClientTransport transport = ClientTransport.best();
    final TorrentPool torrents = TorrentPool.generate(config.workload());
    final PeerPool peers = PeerPool.generate(config.workload(), torrents);
    final boolean openLoop = config.load().rate() > 0;
    progress.printf(
        "ws load test: target %s (%s), %d worker(s), %d connection(s) at %d/s, %d offers per"
            + " announce, %s, %s, %d s%n",
        uri,
        transport.name().toLowerCase(Locale.ROOT),
        config.workers(),
        peers.size(),
        config.network().connectionsPerSecond(),
        config.requests().offersPerAnnounce(),
        openLoop ? "open loop at " + config.load().rate() + " req/s" : "closed loop",
        config.sources().describe(),
        config.load().duration());
    if (config.warmupDuration() > 0) {
      progress.printf("warming up for %d s (not measured)%n", config.warmupDuration());
      final LoadConfig warmup =
          new LoadConfig(
              config.warmupDuration(),
              config.load().rate(),
              config.load().requestTimeoutMs(),
              config.warmupDuration());
      new LoadRun("ws", MESSAGE_TYPES, warmup, new PrintWriter(Writer.nullWriter()))
          .run(workers(config, target, uri, ssl, transport, torrents, peers));
      // The measured run's peers use the same peer ids on new connections; give the tracker time
      // to drop the closed warm-up connections' peers, or it may ignore the new announces as a
      // peer id taken by another connection.
      TimeUnit.MILLISECONDS.sleep(WARMUP_SETTLE_MILLIS);
    }
    final List<WsLoadWorker> workers = workers(config, target, uri, ssl, transport, torrents, peers);
    progress.printf("measuring for %d s%n", config.load().duration());
    progress.flush();
    final LoadTestResult result =
        new LoadRun("ws", MESSAGE_TYPES, config.load(), progress).run(workers);
    WsConnectionStats stats = new WsConnectionStats(0, 0, 0, 0, null);
    for (final WsLoadWorker worker : workers) {
      stats = stats.plus(worker.stats());
    }
    progress.printf(
        "connections: %d opened, %d failed%s, %d closed by the tracker; answers sent: %d%n",
        stats.opened(),
        stats.failed(),
        stats.firstFailure() == null ? "" : " (first: " + stats.firstFailure() + ")",
        stats.closedByTracker(),
        stats.answersSent());
    progress.printf(
        Locale.ROOT,
        "CONNECTIONS protocol=ws opened=%d failed=%d closed_by_tracker=%d answers_sent=%d%n",
        stats.opened(),
        stats.failed(),
        stats.closedByTracker(),
        stats.answersSent());
    return new WsRunResult(result, stats);
  }

  private static List<WsLoadWorker> workers(
      WsLoadTestConfig config,
      InetSocketAddress target,
      URI uri,
      @Nullable SslContext ssl,
      ClientTransport transport,
      TorrentPool torrents,
      PeerPool peers) {
    final List<WsLoadWorker> workers = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      workers.add(new WsLoadWorker(config, i, target, uri, ssl, transport, torrents, peers));
    }
    for (final WsLoadWorker worker : workers) {
      worker.crew(workers);
    }
    return workers;
  }

  /** {@code ws://host:port/path} (or wss), IPv6 hosts in brackets. */
  static URI uri(InetSocketAddress target, boolean tls, String path) {
    final String host =
        target.getAddress() instanceof Inet6Address
            ? "[" + target.getAddress().getHostAddress() + "]"
            : target.getAddress().getHostAddress();
    try {
      return new URI((tls ? "wss://" : "ws://") + host + ":" + target.getPort() + path);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad websocket_path '" + path + "': " + e.getMessage(), e);
    }
  }
}
