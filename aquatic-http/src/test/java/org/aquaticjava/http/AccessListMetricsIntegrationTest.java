package org.aquaticjava.http;

import static org.aquaticjava.http.Hashes.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.http.HttpTrackerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access list refuses announces; the metrics endpoint serves the HTTP tracker's metrics. */
class AccessListMetricsIntegrationTest {

  @Test
  void accessListRefusesUnlistedInfoHashesAndTheEndpointShowsTheCounts(@TempDir Path dir)
      throws Exception {
    final Path list = dir.resolve("allowed.txt");
    Files.writeString(list, HexFormat.of().formatHex(filled(0x61)) + "\n");
    final String sections =
        """
        [access_list]
        mode = "allow"
        path = "%s"
        [metrics]
        run_prometheus_endpoint = true
        prometheus_endpoint_address = "127.0.0.1:0"
        """
            .formatted(list.toString().replace("\\", "\\\\"));
    try (HttpTracker tracker =
            TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO, "", sections));
        HttpTestClient client = HttpTestClient.http(LoopbackFamily.IPV4.of(tracker))) {
      final HttpTrackerResponse allowed =
          client.announce(HttpAnnounceRequest.of(filled(0x61), Hashes.peerId(1), 6881, HttpAnnounceEvent.STARTED, 0));
      final HttpTrackerResponse refused =
          client.announce(HttpAnnounceRequest.of(filled(0x62), Hashes.peerId(1), 6881, HttpAnnounceEvent.STARTED, 0));
      client.scrape(List.of(filled(0x61)));
      client.get("/nowhere");

      assertThat(allowed.failureReason()).isNull();
      assertThat(refused.status()).isEqualTo(200);
      assertThat(refused.failureReason()).isEqualTo("Info hash not allowed");

      final String metrics = scrapeMetrics(tracker);
      assertThat(metrics)
          .containsPattern("aquatic_requests_total\\{ip_version=\"4\",protocol=\"http\",type=\"announce\",worker_index=\"\\d\"} 2\\.0")
          .containsPattern("aquatic_responses_total\\{ip_version=\"4\",protocol=\"http\",type=\"error\",worker_index=\"\\d\"} 2\\.0")
          .containsPattern("aquatic_responses_total\\{ip_version=\"4\",protocol=\"http\",type=\"scrape\",worker_index=\"\\d\"} 1\\.0")
          .containsPattern("aquatic_http_failure_responses_total\\{reason=\"info_hash_not_allowed\",worker_index=\"\\d\"} 1\\.0")
          .containsPattern("aquatic_http_responses_total\\{status=\"404\",worker_index=\"\\d\"} 1\\.0")
          .containsPattern("aquatic_active_connections\\{ip_version=\"4\",protocol=\"http\",worker_index=\"\\d\"} 1\\.0")
          .contains("aquatic_http_limits_hit_total{reason=\"request_timeout\"")
          .contains("aquatic_access_list_entries 1.0");
    }
  }

  private static String scrapeMetrics(HttpTracker tracker) throws Exception {
    final var address = tracker.runtime().metricsAddress().orElseThrow();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      return http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
