package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  @Test
  void servesTheRegistryAtMetricsOnAnEphemeralLoopbackPort() throws Exception {
    final PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("aquatic_requests").labelNames("ip_version").register(registry)
        .labelValues("4").inc(7);

    try (MetricsEndpoint endpoint =
        MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry)) {
      assertThat(endpoint.localAddress().getPort()).isPositive();
      final HttpResponse<String> response = scrape(endpoint.localAddress());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain"));
      assertThat(response.body()).contains("aquatic_requests_total{ip_version=\"4\"} 7.0");
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(thread -> thread.getName().startsWith("HTTP-Dispatcher")
              || thread.getName().equals("prometheus"))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
    }
  }

  @Test
  void releasesThePortOnClose() throws Exception {
    final InetSocketAddress bound;
    try (MetricsEndpoint endpoint =
        MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new PrometheusRegistry())) {
      bound = endpoint.localAddress();
    }
    assertThatThrownBy(() -> scrape(bound)).isInstanceOf(IOException.class);
  }

  @Test
  void reportsABusyPortAsIoException() throws Exception {
    try (MetricsEndpoint first =
        MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new PrometheusRegistry())) {
      assertThatThrownBy(() -> MetricsEndpoint.start(first.localAddress(), new PrometheusRegistry()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(String.valueOf(first.localAddress().getPort()));
    }
  }

  private static HttpResponse<String> scrape(InetSocketAddress address) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      final URI uri = URI.create("http://127.0.0.1:" + address.getPort() + "/metrics");
      return client.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
