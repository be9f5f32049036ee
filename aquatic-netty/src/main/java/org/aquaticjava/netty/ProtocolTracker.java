package org.aquaticjava.netty;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tracker of one protocol: its {@link TrackerServer} on a {@link TrackerRuntime} that is
 * either its own ({@code aquatic udp|http|ws}, see {@link #ownRuntime}) or shared with the other
 * protocols ({@code aquatic all}, whose owner closes the runtime). Closing it closes its server,
 * and the runtime only if it owns it. Thread-safe.
 */
public abstract class ProtocolTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProtocolTracker.class);

  private final TrackerServer server;
  private final TrackerRuntime runtime;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean ownsRuntime;

  /**
   * @param description what the tracker is called in log lines, e.g. {@code "UDP tracker"}
   */
  protected ProtocolTracker(TrackerServer server, TrackerRuntime runtime, String description) {
    this.server = server;
    this.runtime = runtime;
    this.description = description;
  }

  /** Starts one protocol's tracker on a runtime it is given. */
  @FunctionalInterface
  public interface Starter<T extends ProtocolTracker> {
    T start(TrackerRuntime runtime) throws Exception;
  }

  /**
   * Starts the tracker on {@code runtime}, hands it the runtime to close, and starts the metrics
   * endpoint and the stats page (last, so they serve every metric from the first request). On
   * failure closes whatever started, the runtime included.
   *
   * @throws Exception whatever the start failed with: bind, TLS, metrics endpoint, stats page
   */
  public static <T extends ProtocolTracker> T ownRuntime(
      TrackerRuntime runtime, MetricsConfig metrics, StatsConfig stats, Starter<T> starter)
      throws Exception {
    T tracker = null;
    try {
      tracker = starter.start(runtime);
      ((ProtocolTracker) tracker).ownsRuntime = true;
      runtime.startMetricsEndpoint(metrics);
      runtime.startStatsEndpoint(stats, List.of(tracker.served()));
      return tracker;
    } catch (Exception | Error e) {
      if (tracker != null) {
        tracker.close();
      } else {
        runtime.close();
      }
      throw e;
    }
  }

  /** What the stats page shows of it (see {@link TrackerServer#served}). */
  public ServedProtocol served() {
    return server.served();
  }

  /** The bound IPv4 address (the real port when the config asked for port 0), if IPv4 is on. */
  public Optional<InetSocketAddress> localAddressIpv4() {
    return server.localAddressIpv4();
  }

  /** The bound IPv6 address, if IPv6 is on. */
  public Optional<InetSocketAddress> localAddressIpv6() {
    return server.localAddressIpv6();
  }

  /**
   * The socket workers' event loops, by worker index. Anything run on them holds up that worker's
   * requests: for diagnostics and tests (e.g. saturating a worker to see it shed load).
   */
  public EventLoopGroup socketWorkers() {
    return server.group();
  }

  /** The services it runs on: clock, store, access list, metrics, supervisor, reload actions. */
  public TrackerRuntime runtime() {
    return runtime;
  }

  /** Blocks until the tracker is closed. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Closes the server (see {@link TrackerServer#close}), then the runtime if it owns it. */
  @Override
  public void close() {
    server.close();
    if (ownsRuntime) {
      runtime.close();
    }
    if (closed.compareAndSet(false, true)) {
      log.info("{} stopped", description);
    }
  }

  /** The protocol's listeners and event loops. */
  protected TrackerServer server() {
    return server;
  }
}
