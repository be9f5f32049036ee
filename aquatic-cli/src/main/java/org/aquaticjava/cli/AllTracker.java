package org.aquaticjava.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.aquaticjava.http.HttpTracker;
import org.aquaticjava.netty.FileDescriptorBudget;
import org.aquaticjava.netty.Listeners;
import org.aquaticjava.netty.ProtocolTracker;
import org.aquaticjava.netty.TrackerRuntime;
import org.aquaticjava.udp.UdpTracker;
import org.aquaticjava.ws.WsTracker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aquatic all}: the enabled protocols' trackers on one {@link TrackerRuntime} (one access
 * list, one metrics registry and endpoint, one supervisor, one reload signal handler). UDP and HTTP
 * announce into the runtime's one (IP, port) swarm store, so a peer that announced over one is
 * handed out over the other, a client announcing over both from one address and port is one peer,
 * and a scrape over either counts the same; WebTorrent keeps its own swarms (WebRTC peers are
 * reached through their connections, not by IP and port) and counts in the same metrics.
 *
 * <p>It is the composition of the three trackers, each started with {@code start(config,
 * runtime)}, not a fourth copy. {@link #close} stops them in the reverse order of their start
 * (each: stop accepting, close connections, stop its event loops), then the runtime, whose last
 * snapshot so holds every announce answered. Thread-safe.
 */
public final class AllTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AllTracker.class);

  private final TrackerRuntime runtime;
  private final @Nullable UdpTracker udp;
  private final @Nullable HttpTracker http;
  private final @Nullable WsTracker ws;
  private final CountDownLatch terminated = new CountDownLatch(1);

  private AllTracker(
      TrackerRuntime runtime,
      @Nullable UdpTracker udp,
      @Nullable HttpTracker http,
      @Nullable WsTracker ws) {
    this.runtime = runtime;
    this.udp = udp;
    this.http = http;
    this.ws = ws;
  }

  /** Starts the enabled trackers; a worker failure terminates the process (exit status 1). */
  public static AllTracker start(AllConfig config) throws Exception {
    return start(config, FatalExit.EXIT_PROCESS);
  }

  /**
   * Starts the runtime (with the (IP, port) store only when UDP or HTTP is on), declares the
   * connections HTTP and WebTorrent will claim (a low descriptor limit is split between them in
   * proportion), then starts UDP, HTTP and WebTorrent as enabled, then the metrics endpoint and the stats page. On any failure closes what started.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws Exception what a tracker's start throws: a config problem found at bind, a bind
   *     failure, a TLS file that cannot be loaded, the access list
   */
  public static AllTracker start(AllConfig config, FatalExit fatalExit) throws Exception {
    final boolean store = config.udp().enabled() || config.http().enabled();
    final TrackerRuntime runtime =
        store
            ? TrackerRuntime.start(
                swarmSettings(config), config.accessList(), config.persistence(), config.cluster(), fatalExit)
            : TrackerRuntime.startWithoutSwarmStore(config.accessList(), fatalExit);
    runtime.nameConfigKeysByProtocol();
    if (config.http().enabled()) {
      runtime.declareConnections(
          HttpTracker.PROTOCOL,
          FileDescriptorBudget.MAX_CONNECTIONS_KEY,
          config.httpConfig().limits().maxConnections());
    }
    if (config.ws().enabled()) {
      runtime.declareConnections(
          WsTracker.PROTOCOL,
          FileDescriptorBudget.MAX_CONNECTIONS_KEY,
          config.wsConfig().limits().maxConnections());
    }
    final List<ProtocolTracker> started = new ArrayList<>();
    try {
      final UdpTracker udp =
          config.udp().enabled() ? add(started, UdpTracker.start(config.udpConfig(), runtime)) : null;
      final HttpTracker http =
          config.http().enabled()
              ? add(started, HttpTracker.start(config.httpConfig(), runtime))
              : null;
      final WsTracker ws =
          config.ws().enabled() ? add(started, WsTracker.start(config.wsConfig(), runtime)) : null;
      runtime.startMetricsEndpoint(config.metrics()); // last: every metric is registered
      runtime.startStatsEndpoint(
          config.stats(), started.stream().map(ProtocolTracker::served).toList());
      log.info(
          "aquatic all: {}{}{}",
          udp == null ? "" : "udp ",
          http == null ? "" : "http ",
          ws == null ? "" : "ws");
      return new AllTracker(runtime, udp, http, ws);
    } catch (Exception | Error e) {
      closeInReverse(started);
      runtime.close();
      throw e;
    }
  }

  /**
   * One store for UDP and HTTP: sharded for the larger of their worker counts, with the shared
   * expiry.
   */
  private static SwarmSettings swarmSettings(AllConfig config) {
    final int workers =
        Math.max(
            config.udp().enabled() ? Listeners.socketWorkers(config.udpConfig().socketWorkers()) : 1,
            config.http().enabled()
                ? Listeners.socketWorkers(config.httpConfig().socketWorkers())
                : 1);
    return new SwarmSettings(
        SwarmSettings.shardCountFor(workers),
        config.cleaning().maxPeerAge(),
        config.cleaning().torrentCleaningInterval());
  }

  private static <T extends ProtocolTracker> T add(List<ProtocolTracker> started, T tracker) {
    started.add(tracker);
    return tracker;
  }

  private static void closeInReverse(List<ProtocolTracker> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  /** The UDP tracker, if enabled. */
  public Optional<UdpTracker> udp() {
    return Optional.ofNullable(udp);
  }

  /** The HTTP tracker, if enabled. */
  public Optional<HttpTracker> http() {
    return Optional.ofNullable(http);
  }

  /** The WebTorrent tracker, if enabled. */
  public Optional<WsTracker> ws() {
    return Optional.ofNullable(ws);
  }

  /** The shared services: store, access list, metrics, supervisor. */
  public TrackerRuntime runtime() {
    return runtime;
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops WebTorrent, HTTP, UDP (as enabled, in that order), then the runtime. Idempotent. */
  @Override
  public synchronized void close() {
    if (terminated.getCount() == 0) {
      return;
    }
    final List<ProtocolTracker> started = new ArrayList<>();
    for (ProtocolTracker tracker : new ProtocolTracker[] {udp, http, ws}) {
      if (tracker != null) {
        started.add(tracker);
      }
    }
    closeInReverse(started);
    runtime.close();
    log.info("aquatic all stopped");
    terminated.countDown();
  }
}
