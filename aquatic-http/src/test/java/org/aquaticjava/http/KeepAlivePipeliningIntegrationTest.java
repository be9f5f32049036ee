package org.aquaticjava.http;

import static org.aquaticjava.http.TestTrackers.assumeAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.http.TestTrackers.Family;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.http.RawHttpConnection;
import org.aquaticjava.testkit.http.RawHttpConnection.RawResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keep-alive on and off, client close requests, HTTP/1.0, pipelining, and when a close lingers, on
 * every transport.
 */
class KeepAlivePipeliningIntegrationTest {
  private static final String SCRAPE_A = scrape(0x0A);
  private static final String SCRAPE_B = scrape(0x0B);
  private static final String SCRAPE_C = scrape(0x0C);

  private static String scrape(int b) {
    return HttpTestClient.scrapeTarget("/scrape", List.of(Hashes.filled(b)));
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.http.TestTrackers#transportsAndFamilies")
  void answersThreePipelinedRequestsSentInOneWriteInOrder(
      IoTransportChoice transport, Family family) throws Exception {
    assumeAvailable(transport);
    assumeAvailable(family);
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        RawHttpConnection connection = RawHttpConnection.connect(family.of(tracker), 2_000)) {
      connection.send(
          RawHttpConnection.get(SCRAPE_A)
              + RawHttpConnection.get("/nowhere")
              + RawHttpConnection.get(SCRAPE_C));

      final RawResponse first = connection.readResponse();
      final RawResponse second = connection.readResponse();
      final RawResponse third = connection.readResponse();

      assertThat(first.status()).isEqualTo(200);
      assertThat(onlyHash(first)).isEqualTo(Hashes.filled(0x0A));
      assertThat(second.status()).isEqualTo(404);
      assertThat(third.status()).isEqualTo(200);
      assertThat(onlyHash(third)).isEqualTo(Hashes.filled(0x0C));
      assertThat(first.connection()).isNull(); // HTTP/1.1 default: kept open
      assertThat(first.head()).contains("Content-Type: text/plain");
      assertThat(connection.closedByServer(200)).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.http.TestTrackers#transports")
  void honoursConnectionCloseAndHttp10(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(transport))) {
      try (RawHttpConnection connection = RawHttpConnection.connect(Family.IPV4.of(tracker), 2_000)) {
        // The request after the one asking to close is never answered.
        connection.send(
            RawHttpConnection.get(SCRAPE_A, "Connection: close") + RawHttpConnection.get(SCRAPE_B));
        final RawResponse response = connection.readResponse();
        assertThat(response.connection()).isEqualTo("close");
        assertThat(connection.closedByServer()).isTrue();
      }
      try (RawHttpConnection connection = RawHttpConnection.connect(Family.IPV4.of(tracker), 2_000)) {
        connection.send("GET " + SCRAPE_A + " HTTP/1.0\r\n\r\n");
        assertThat(connection.readResponse().connection()).isEqualTo("close");
        assertThat(connection.closedByServer()).isTrue();
      }
      try (RawHttpConnection connection = RawHttpConnection.connect(Family.IPV4.of(tracker), 1_000)) {
        connection.send("GET " + SCRAPE_A + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(connection.readResponse().connection()).isEqualTo("keep-alive");
        connection.send("GET " + SCRAPE_B + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(onlyHash(connection.readResponse())).isEqualTo(Hashes.filled(0x0B));
        assertThat(connection.closedByServer(200)).isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.http.TestTrackers#transports")
  void keepAliveOffClosesAfterEveryResponse(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (HttpTracker tracker =
            TestTrackers.start(TestTrackers.config(transport, "keep_alive = false", ""));
        RawHttpConnection connection = RawHttpConnection.connect(Family.IPV4.of(tracker), 2_000)) {
      connection.send(RawHttpConnection.get(SCRAPE_A) + RawHttpConnection.get(SCRAPE_B));

      final RawResponse response = connection.readResponse();

      assertThat(response.status()).isEqualTo(200);
      assertThat(onlyHash(response)).isEqualTo(Hashes.filled(0x0A));
      assertThat(response.connection()).isEqualTo("close");
      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.http.TestTrackers#transports")
  void closesAtOnceAfterTheLastRequestOfAClientThatAskedToClose(IoTransportChoice transport)
      throws Exception {
    assumeAvailable(transport);
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        RawHttpConnection connection = RawHttpConnection.connect(Family.IPV4.of(tracker), 2_000)) {
      connection.send(RawHttpConnection.get(SCRAPE_A, "Connection: close"));

      assertThat(onlyHash(connection.readResponse())).isEqualTo(Hashes.filled(0x0A));
      assertThat(connection.closedByServer()).isTrue();
      // Nothing can remain unread, so the server does not linger: the connection is gone while
      // the client still holds its end open, well before the linger time.
      await()
          .atMost(Duration.ofMillis(LingeringClose.LINGER_MILLIS / 2))
          .untilAsserted(() -> assertThat(activeConnections(tracker)).isZero());
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.http.TestTrackers#transports")
  void lingersWhenTheServerClosesOnAClientThatMayBePipelining(IoTransportChoice transport)
      throws Exception {
    assumeAvailable(transport);
    try (HttpTracker tracker =
            TestTrackers.start(TestTrackers.config(transport, "keep_alive = false", ""))) {
      // Not a resource of the block: the test closes it while the tracker still lingers.
      final RawHttpConnection connection = RawHttpConnection.connect(Family.IPV4.of(tracker), 2_000);
      connection.send(RawHttpConnection.get(SCRAPE_A));

      assertThat(connection.readResponse().connection()).isEqualTo("close");
      assertThat(connection.closedByServer()).isTrue();
      // The client's next request may already be on its way: the server still reads (and
      // drops) input instead of resetting the connection, until the client closes its end.
      assertThat(activeConnections(tracker)).isEqualTo(1);
      connection.send(RawHttpConnection.get(SCRAPE_B));
      connection.close();
      await()
          .atMost(Duration.ofMillis(LingeringClose.LINGER_MILLIS / 2))
          .untilAsserted(() -> assertThat(activeConnections(tracker)).isZero());
    }
  }

  private static double activeConnections(HttpTracker tracker) {
    return MetricValues.sum(tracker.runtime().metrics(), "aquatic_active_connections");
  }

  private static byte[] onlyHash(RawResponse response) throws Exception {
    final BencodeValue.Dict files = response.asTrackerResponse().dict().dict("files");
    assertThat(files.entries()).hasSize(1);
    return files.entries().keySet().iterator().next().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
