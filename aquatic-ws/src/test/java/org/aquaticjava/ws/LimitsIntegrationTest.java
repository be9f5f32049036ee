package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.peer;
import static org.aquaticjava.ws.Messages.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.TransportMatrix;
import org.aquaticjava.ws.protocol.MessageAction;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and careless clients: malformed input, every limit and timeout, access list, leniency. */
class LimitsIntegrationTest {
  private static final Duration QUIET = Duration.ofMillis(100);

  private static InetSocketAddress v4(WsTracker tracker) {
    return LoopbackFamily.IPV4.of(tracker);
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void malformedMessagesGetCountedErrorsAndTheConnectionLivesOn(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    try (WsTracker tracker = TestTrackers.start(transport);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      client.send("not json at all");
      final TrackerMessage garbage = client.next(TrackerMessageKind.ERROR);
      assertThat(garbage.failureReason()).isEqualTo("Invalid request: malformed JSON");
      assertThat(garbage.action()).isEqualTo(MessageAction.NONE); // unknown: nothing to route by

      client.send("{\"action\":\"announce\",\"info_hash\":\"too short\",\"peer_id\":\"x\"}");
      final TrackerMessage badHash = client.next(TrackerMessageKind.ERROR);
      assertThat(badHash.failureReason()).startsWith("Invalid request: info_hash");
      assertThat(badHash.action()).isEqualTo(MessageAction.ANNOUNCE); // aquatic #15: action kept

      // Binary frames are read as JSON too (like aquatic), garbage or not.
      client.sendBinary(scrape(infoHash(1)).getBytes(StandardCharsets.UTF_8));
      assertThat(client.next(TrackerMessageKind.SCRAPE_RESPONSE).scrapeEntryCount()).isEqualTo(1);
      client.sendBinary(new byte[] {(byte) 0xff, 0x00, (byte) 0xfe});
      assertThat(client.next(TrackerMessageKind.ERROR).failureReason()).isEqualTo("Invalid request: malformed JSON");

      client.send(announce(infoHash(1), peer(1), 0));
      assertThat(client.next(TrackerMessageKind.ANNOUNCE_RESPONSE).complete()).isEqualTo(1);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_ws_invalid_messages_total", "reason", "malformed_json"))
          .isEqualTo(2);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_requests_total", "type", "invalid")).isEqualTo(3);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_responses_total", "type", "error")).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void aFrameAboveMaxFrameSizeClosesWith1009(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    final WsConfig config =
        TestTrackers.config(
            transport,
            """
            [limits]
            max_frame_size = 1024
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      client.send("{\"action\":\"scrape\",\"padding\":\"" + "x".repeat(2000) + "\"}");
      assertThat(client.awaitCloseCode(WsTestClient.WAIT)).isEqualTo(1009);
      // Counted right after the decoder sent the close frame, which the client may see first.
      org.awaitility.Awaitility.await().atMost(WsTestClient.WAIT)
          .until(() -> MetricValues.sum(tracker.runtime().metrics(),
                  "aquatic_ws_limits_hit_total", "limit", "frame_size") == 1);
    }
  }

  @Test
  void aFragmentedMessageAboveMaxMessageSizeClosesTheConnection() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [limits]
            max_frame_size = 1024
            max_message_size = 2048
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
      final byte[] part = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      client.sendFrame(0x1, false, part);
      client.sendFrame(0x0, false, part);
      client.sendFrame(0x0, true, part);
      assertThat(client.awaitEndOfStream(WsTestClient.WAIT)).isTrue();
      org.awaitility.Awaitility.await().atMost(WsTestClient.WAIT)
          .until(() -> MetricValues.sum(tracker.runtime().metrics(),
                  "aquatic_ws_limits_hit_total", "limit", "message_size") == 1);
    }
  }

  @Test
  void aFragmentedMessageWithinTheLimitsIsJoined() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [limits]
            max_frame_size = 1024
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        RawWsClient client = RawWsClient.connect(v4(tracker), 0);
        WsTestClient watcher = WsTestClient.connect(v4(tracker))) {
      assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
      final byte[] message = announce(infoHash(3), peer(1), 0).getBytes(StandardCharsets.UTF_8);
      final int half = message.length / 2;
      client.sendFrame(0x1, false, java.util.Arrays.copyOfRange(message, 0, half));
      client.sendFrame(0x0, true, java.util.Arrays.copyOfRange(message, half, message.length));
      org.awaitility.Awaitility.await().atMost(WsTestClient.WAIT).until(() -> tracker.peerCount(false) == 1);
      watcher.send(scrape(infoHash(3)));
      assertThat(watcher.next(TrackerMessageKind.SCRAPE_RESPONSE).scrapeComplete(0)).isEqualTo(1);
    }
  }

  @Test
  void idleConnectionsAreClosedAndPingsKeepNothingButLiveness() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [cleaning]
            max_connection_idle = 1
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      client.send(announce(infoHash(1), peer(1), 0));
      client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      assertThat(client.awaitCloseCode(Duration.ofSeconds(4))).isEqualTo(1000);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_ws_limits_hit_total", "limit", "idle_timeout")).isEqualTo(1);
      org.awaitility.Awaitility.await().atMost(WsTestClient.WAIT).until(() -> tracker.peerCount(false) == 0);
    }
  }

  @Test
  void aClientThatNeverAnswersPingsIsClosedOneThatAnswersStays() throws Exception {
    // 2 s, not 1: on a loaded 2-core machine the answering client's pong can be a second late.
    final WsConfig config =
        TestTrackers.config(
            """
            [cleaning]
            ping_interval = 2
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient answering = WsTestClient.connect(v4(tracker));
        RawWsClient silent = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(silent.handshake("/")).startsWith("HTTP/1.1 101");
      assertThat(silent.awaitEndOfStream(Duration.ofSeconds(10))).isTrue();
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_ws_limits_hit_total", "limit", "ping_timeout")).isEqualTo(1);
      // The JDK client answers every ping, so it outlived the silent one by more than two intervals.
      assertThat(answering.isClosedByTracker()).isFalse();
      answering.send(scrape(infoHash(1)));
      answering.next(TrackerMessageKind.SCRAPE_RESPONSE);
    }
  }

  @Test
  void aConnectionWithoutHandshakeIsClosedAfterTheHandshakeTimeout() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [limits]
            handshake_timeout = 1
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(client.awaitEndOfStream(Duration.ofSeconds(4))).isTrue();
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_ws_limits_hit_total", "limit", "handshake_timeout"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void connectionsBeyondMaxConnectionsAreRefused() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [limits]
            max_connections = 2
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient first = WsTestClient.connect(v4(tracker))) {
      // Not a resource of the block: the test closes it to free a slot.
      final WsTestClient second = WsTestClient.connect(v4(tracker));
      assertThatThrownBy(() -> WsTestClient.connect(v4(tracker)).close()).isInstanceOf(Exception.class);
      // At least 1: the JDK client retries a GET whose connection was closed before the response.
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_ws_limits_hit_total", "limit", "max_connections"))
          .isGreaterThanOrEqualTo(1);
      first.send(scrape(infoHash(1)));
      first.next(TrackerMessageKind.SCRAPE_RESPONSE);
      // A slot frees when a connection closes.
      second.close();
      org.awaitility.Awaitility.await().atMost(WsTestClient.WAIT).ignoreExceptions()
          .until(() -> {
            WsTestClient.connect(v4(tracker)).close();
            return true;
          });
    }
  }

  @Test
  void messagesBeyondTheRateLimitAreDroppedAndCounted() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [limits]
            max_messages_per_second = 1
            message_burst = 2
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      for (int i = 0; i < 5; i++) {
        client.send(scrape(infoHash(1)));
      }
      client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      client.expectNothing(Duration.ofMillis(300));
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_ws_limits_hit_total", "limit", "message_rate"))
          .isGreaterThanOrEqualTo(2); // 3 unless a token refilled in between
    }
  }

  @Test
  void aConfiguredPathIsTheOnlyWebSocketPathOtherRequestsGet404() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [network]
            websocket_path = "/announce"
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        RawWsClient http = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(http.request("GET /other HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 404");
      assertThatThrownBy(() -> WsTestClient.connect(WsTestClient.uri(v4(tracker), "/other")).close())
          .isInstanceOf(Exception.class);
      try (WsTestClient client = WsTestClient.connect(WsTestClient.uri(v4(tracker), "/announce"))) {
        client.send(scrape(infoHash(1)));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
    }
  }

  @Test
  void infoHashesOutsideTheAccessListGetAnErrorWithActionAndInfoHash(@TempDir Path dir) throws Exception {
    final Path list = dir.resolve("allowed.txt");
    Files.writeString(list, HexFormat.of().formatHex(infoHash(2)) + "\n");
    final WsConfig config =
        TestTrackers.config("[access_list]\nmode = \"allow\"\npath = '%s'".formatted(list));
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      client.send(announce(infoHash(1), peer(1), 0));
      final TrackerMessage refused = client.next(TrackerMessageKind.ERROR);
      assertThat(refused.failureReason()).isEqualTo("Info hash not allowed");
      assertThat(refused.action()).isEqualTo(MessageAction.ANNOUNCE);
      assertThat(refused.infoHash()).isEqualTo(infoHash(1));
      client.send(announce(infoHash(2), peer(1), 0));
      assertThat(client.next(TrackerMessageKind.ANNOUNCE_RESPONSE).complete()).isEqualTo(1);
      assertThat(tracker.peerCount(false)).isEqualTo(1);
    }
  }

  @Test
  void scrapesNeedAtLeastOneHashAndUnknownHashesAreZeros() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      client.send("{\"action\":\"scrape\"}");
      final TrackerMessage full = client.next(TrackerMessageKind.ERROR);
      assertThat(full.failureReason()).isEqualTo("Full scrapes are not allowed");
      assertThat(full.action()).isEqualTo(MessageAction.SCRAPE);

      client.send(scrape(infoHash(7), infoHash(8)));
      final TrackerMessage zeros = client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      assertThat(zeros.scrapeEntryCount()).isEqualTo(2);
      for (int i = 0; i < 2; i++) {
        assertThat(zeros.scrapeComplete(i) + zeros.scrapeIncomplete(i) + zeros.scrapeDownloaded(i)).isZero();
      }
    }
  }

  @Test
  void unknownEventsNegativeLeftAndExtraKeysAreAcceptedAsALeechersUpdate() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      final String ih = hashLiteral(infoHash(1));
      // What anacrolix sends (anacrolix/torrent#981): event "<regular>", left -1; plus unknown keys.
      client.send("{\"event\":\"<regular>\",\"left\":-1,\"x-extra\":{\"nested\":[1,2]},\"action\":\"announce\","
          + "\"info_hash\":" + ih + ",\"peer_id\":" + hashLiteral(peer(1)) + "}");
      final TrackerMessage response = client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      assertThat(response.complete()).isZero();
      assertThat(response.incomplete()).isEqualTo(1);
    }
  }

  @Test
  void announcesOfMoreTorrentsThanAllowedPerConnectionAreRefused() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [limits]
            max_torrents_per_connection = 2
            """);
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient client = WsTestClient.connect(v4(tracker))) {
      for (int t = 1; t <= 2; t++) {
        client.send(announce(infoHash(t), peer(1), 0));
        client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      }
      client.send(announce(infoHash(3), peer(1), 0));
      assertThat(client.next(TrackerMessageKind.ERROR).failureReason())
          .isEqualTo("Too many torrents on this connection");
      client.expectNothing(QUIET);
      assertThat(tracker.peerCount(false)).isEqualTo(2);
    }
  }

  /** A binary string as a JSON literal, written with \\u escapes for every byte (valid JSON). */
  private static String hashLiteral(byte[] id) {
    final StringBuilder json = new StringBuilder("\"");
    for (byte b : id) {
      json.append(String.format("\\u%04x", b & 0xff));
    }
    return json.append('"').toString();
  }
}
