package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.IH;
import static org.aquaticjava.ws.Messages.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 at the edges, on the real server: an upgrade request over the header limit is refused
 * wherever its extra headers are, HTTP/1.0 upgrades are refused, every close sends exactly one
 * close frame, and invalid close frames are answered with 1002 or 1007. Each refusal is counted
 * as a protocol violation and leaves the tracker serving others.
 */
class HandshakeAndCloseIntegrationTest {
  private static final String UPGRADE_HEADERS =
      "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

  private static InetSocketAddress v4(WsTracker tracker) {
    return LoopbackFamily.IPV4.of(tracker);
  }

  private static String extraHeaders(int count) {
    final StringBuilder headers = new StringBuilder();
    for (int i = 0; i < count; i++) {
      headers.append("X-Padding-").append(i).append(": ").append("a".repeat(40)).append("\r\n");
    }
    return headers.toString();
  }

  @Test
  void anUpgradeOverTheHeaderLimitIsRefusedWithItsExtraHeadersAfterOrBefore() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO)) {
      final String extra = extraHeaders(2000); // ~120 KB, far above the 8 KB limit
      for (String head :
          new String[] {
            "GET / HTTP/1.1\r\n" + UPGRADE_HEADERS + extra + "\r\n",
            "GET / HTTP/1.1\r\n" + extra + UPGRADE_HEADERS + "\r\n"
          }) {
        try (RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
          assertThat(client.request(head)).startsWith("HTTP/1.1 431");
          assertThat(client.awaitEndOfStream(WsTestClient.WAIT)).isTrue();
        }
      }
      assertThat(violations(tracker, "handshake")).isEqualTo(2);
      stillServes(tracker);
    }
  }

  @Test
  void theUpgradeRequestLimitsAreTheConfiguredOnes() throws Exception {
    final WsConfig config =
        TestTrackers.config(
            """
            [limits]
            max_request_line_length = 256
            max_header_bytes = 1024
            """);
    try (WsTracker tracker = TestTrackers.start(config)) {
      // Both requests pass the default limits (4096 and 8192 bytes).
      try (RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
        final String longPath = "/" + "a".repeat(300);
        assertThat(client.request("GET " + longPath + " HTTP/1.1\r\n" + UPGRADE_HEADERS + "\r\n"))
            .startsWith("HTTP/1.1 414");
      }
      try (RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
        assertThat(client.request("GET / HTTP/1.1\r\n" + UPGRADE_HEADERS + extraHeaders(30) + "\r\n"))
            .startsWith("HTTP/1.1 431");
      }
      assertThat(violations(tracker, "handshake")).isEqualTo(2);
      try (RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
        assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
      }
    }
  }

  @Test
  void anHttp10UpgradeIsRefused() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO);
        RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(client.request("GET / HTTP/1.0\r\n" + UPGRADE_HEADERS + "\r\n")).startsWith("HTTP/1.1 400");
      assertThat(client.awaitEndOfStream(WsTestClient.WAIT)).isTrue();
      assertThat(violations(tracker, "handshake")).isEqualTo(1);
    }
  }

  @Test
  void anErrorCloseSendsOneCloseFrame() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO)) {
      try (RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
        assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
        client.sendFrame(0x1, true, HexFormat.of().parseHex("7bc0af7d")); // an overlong '/'
        assertThat(client.closeCodesUntilEnd()).containsExactly(1007);
      }
      try (RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
        assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
        client.sendFrame(0x3, true, new byte[] {1}); // reserved opcode
        assertThat(client.closeCodesUntilEnd()).containsExactly(1002);
      }
      assertThat(violations(tracker, "invalid_utf8")).isEqualTo(1);
      assertThat(violations(tracker, "bad_frame")).isEqualTo(1);
    }
  }

  @Test
  void aValidCloseIsEchoedOnceAndInvalidOnesGet1002Or1007() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO)) {
      assertThat(closeWith(tracker, closePayload(1000, "bye".getBytes(StandardCharsets.UTF_8))))
          .isEqualTo(1000);
      assertThat(closeWith(tracker, closePayload(999, new byte[0]))).isEqualTo(1002);
      assertThat(closeWith(tracker, closePayload(1000, HexFormat.of().parseHex("c0af")))).isEqualTo(1007);
      assertThat(violations(tracker, "bad_frame")).isEqualTo(1);
      assertThat(violations(tracker, "invalid_utf8")).isEqualTo(1);
      stillServes(tracker);
    }
  }

  /** Sends a close frame with {@code payload}; returns the one close code the tracker answers with. */
  private static int closeWith(WsTracker tracker, byte[] payload) throws Exception {
    try (RawWsClient client = RawWsClient.connect(v4(tracker), 0)) {
      assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
      client.sendFrame(0x8, true, payload);
      final var codes = client.closeCodesUntilEnd();
      assertThat(codes).hasSize(1);
      return codes.getFirst();
    }
  }

  private static byte[] closePayload(int code, byte[] reason) {
    final byte[] payload = new byte[2 + reason.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(reason, 0, payload, 2, reason.length);
    return payload;
  }

  private static double violations(WsTracker tracker, String reason) {
    return MetricValues.sum(
        tracker.runtime().metrics(), "aquatic_ws_protocol_violations_total", "reason", reason);
  }

  private static void stillServes(WsTracker tracker) throws Exception {
    try (WsTestClient client = WsTestClient.connect(v4(tracker))) {
      client.send(scrape(IH));
      client.next(TrackerMessageKind.SCRAPE_RESPONSE);
    }
  }
}
