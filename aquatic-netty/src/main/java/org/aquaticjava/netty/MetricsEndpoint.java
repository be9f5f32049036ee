package org.aquaticjava.netty;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link PrometheusRegistry} at {@code /metrics} over HTTP, using the client's bundled
 * server (JDK {@code com.sun.net.httpserver}). Requests are handled on one daemon thread named
 * {@code prometheus}: scrapes are rare and must not compete with the workers.
 *
 * <p>All threads are daemons, so a forgotten endpoint never keeps the JVM alive; the JDK's
 * dispatcher thread inherits daemon status from its creator, which is why the server is started
 * from a short-lived daemon thread. Thread-safe; {@link #close()} is idempotent.
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
    final AtomicReference<Object> outcome = new AtomicReference<>();
    final Thread starter =
        Thread.ofPlatform()
            .name("prometheus-start")
            .daemon()
            .start(
                () -> {
                  try {
                    outcome.set(
                        HTTPServer.builder()
                            .inetAddress(address.getAddress())
                            .port(address.getPort())
                            .registry(registry)
                            .executorService(executor)
                            .buildAndStart());
                  } catch (IOException | RuntimeException e) {
                    outcome.set(e);
                  }
                });
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
      throw new IOException("interrupted while starting the metrics endpoint", e);
    }
    return switch (outcome.get()) {
      case HTTPServer server -> {
        final InetSocketAddress bound = new InetSocketAddress(address.getAddress(), server.getPort());
        log.info("Prometheus metrics at http://{}:{}/metrics", bound.getHostString(), bound.getPort());
        yield new MetricsEndpoint(server, bound);
      }
      case IOException e -> {
        executor.shutdownNow();
        throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
      }
      case RuntimeException e -> {
        executor.shutdownNow();
        throw e;
      }
      default -> throw new UncheckedIOException(new IOException("metrics endpoint did not start"));
    };
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
