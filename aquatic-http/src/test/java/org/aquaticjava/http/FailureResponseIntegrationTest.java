package org.aquaticjava.http;

import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.testkit.TransportMatrix.assumeAvailable;
import static org.assertj.core.api.Assertions.assertThat;

import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.http.HttpTrackerResponse;
import org.aquaticjava.testkit.http.RawHttpConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every refused request gets HTTP 200 with a bencoded failure reason that says what is wrong
 * (404 for an unknown path), never silence. One tracker for the whole class (auto transport).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureResponseIntegrationTest {
  private static final String HASH = "%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A";
  private static final String PEER = "-qB5010-abcdefghijkl";
  private HttpTracker tracker;
  private HttpTestClient client;

  @BeforeAll
  void start() throws Exception {
    LoopbackFamily.IPV4.assumeAvailable();
    tracker = TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO));
    client = HttpTestClient.http(LoopbackFamily.IPV4.of(tracker));
  }

  @AfterAll
  void stop() {
    client.close();
    tracker.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/announce?peer_id=" + PEER + "&port=1                     | missing info_hash",
        "/announce?info_hash=abc&peer_id=" + PEER + "&port=1       | info_hash is not 20 bytes",
        "/announce?info_hash=" + HASH + "&port=1                   | missing peer_id",
        "/announce?info_hash=" + HASH + "&peer_id=short&port=1     | peer_id is not 20 bytes",
        "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "     | missing port",
        "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=0 | invalid port",
        "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=70000 | invalid port",
        "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=1&left=x | invalid left",
        "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=1&uploaded=- | invalid uploaded",
        "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=1&downloaded=1.5 | invalid downloaded",
        "/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=1&numwant=many | invalid numwant",
        "/scrape                                                   | full scrapes are not allowed",
        "/scrape?peer_id=" + PEER + "                              | full scrapes are not allowed",
      })
  void answersEveryBadParameterWithAFailureReasonSayingWhatIsWrong(String target, String expected)
      throws Exception {
    final HttpTrackerResponse response = client.get(target.strip());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.failureReason()).contains(expected);
  }

  @Test
  void answersMalformedPercentEncodingWithAFailureReason() throws Exception {
    // The JDK client refuses to send a bad escape, so this one goes over a raw socket.
    try (RawHttpConnection connection = RawHttpConnection.connect(LoopbackFamily.IPV4.of(tracker), 2_000)) {
      connection.send(
          RawHttpConnection.get("/announce?info_hash=%ZZ" + HASH + "&peer_id=" + PEER + "&port=1"));
      final RawHttpConnection.RawResponse response = connection.readResponse();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.asTrackerResponse().failureReason())
          .startsWith("malformed percent-encoding");
    }
  }

  @ParameterizedTest
  @CsvSource({"/", "/announce/key", "/favicon.ico", "/scrape.php"})
  void answersUnknownPathsWith404AndAFailureReason(String target) throws Exception {
    final HttpTrackerResponse response = client.get(target);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.failureReason()).startsWith("unknown path");
  }

  @ParameterizedTest
  @CsvSource({"event=paused", "event=bogus", "compact=0&no_peer_id=1", "ip=10.0.0.1&corrupt=0"})
  void acceptsPausedUnknownEventsAndUnknownParameters(String extra) throws Exception {
    final HttpTrackerResponse response =
        client.get("/announce?info_hash=" + HASH + "&peer_id=" + PEER + "&port=6881&" + extra);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.failureReason()).isNull();
    assertThat(response.dict().integer("interval")).isEqualTo(900);
  }
}
