package org.aquaticjava.netty;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link PrometheusRegistry} at {@code /metrics} over HTTP, using the client's bundled
 * server (JDK {@code com.sun.net.httpserver}). Requests are handled on one daemon thread named
 * {@code prometheus}: scrapes are rare and must not compete with the workers.
 *
 * <p>All threads are daemons, so a forgotten endpoint never keeps the JVM alive ({@link
 * DaemonStart}). Thread-safe; {@link #close()} is idempotent.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final HTTPServer server;
  private final InetSocketAddress localAddress;

  private MetricsEndpoint(HTTPServer server, InetSocketAddress localAddress) {
    this.server = server;
    this.localAddress = localAddress;
  }

  /**
   * Binds and starts serving.
   *
   * @param address host and port; port 0 picks an ephemeral port ({@link #localAddress()})
   * @throws IOException if binding fails
   */
  public static MetricsEndpoint start(InetSocketAddress address, PrometheusRegistry registry)
      throws IOException {
    final ExecutorService executor =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("prometheus").daemon().factory());
    final HTTPServer server;
    try {
      server =
          DaemonStart.call(
              "prometheus-start",
              () ->
                  HTTPServer.builder()
                      .inetAddress(address.getAddress())
                      .port(address.getPort())
                      .registry(registry)
                      .executorService(executor)
                      .buildAndStart());
    } catch (IOException e) {
      executor.shutdownNow();
      throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
    final InetSocketAddress bound = new InetSocketAddress(address.getAddress(), server.getPort());
    log.info("Prometheus metrics at http://{}:{}/metrics", bound.getHostString(), bound.getPort());
    return new MetricsEndpoint(server, bound);
  }

  /** The bound address (with the actual port if 0 was requested). */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** Stops serving and releases the port and threads. */
  @Override
  public void close() {
    server.close();
  }
}
