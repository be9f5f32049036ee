package org.aquaticjava.http;

import static org.aquaticjava.http.Hashes.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.http.protocol.HttpAnnounceRequestWriter;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.http.RawHttpConnection;
import org.aquaticjava.testkit.http.HttpTrackerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reverse-proxy mode: the client address comes from the configured header only on connections
 * from trusted proxies; a missing or bad header is a counted failure response, never a crash.
 */
class ReverseProxyIntegrationTest {

  private static HttpTracker start(String header, String trusted) throws Exception {
    return TestTrackers.start(
        TestTrackers.config(
            IoTransportChoice.AUTO,
            "",
            """
            [reverse_proxy]
            enabled = true
            ip_header = "%s"
            trusted_proxies = [%s]
            """
                .formatted(header, trusted)));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "x_forwarded_for | x-FORWARDED-for: 198.51.100.1, 192.0.2.7 | 192.0.2.7    | X-Forwarded-For: 192.0.2.8",
        "x_forwarded_for | X-Forwarded-For: 2001:db8::7              | 2001:db8::7  | X-Forwarded-For: 2001:db8::8",
        "x_real_ip       | X-Real-IP: 192.0.2.7                      | 192.0.2.7    | x-real-ip: 192.0.2.8",
        "forwarded       | Forwarded: for=198.51.100.1, for=\"[2001:db8::7]:4711\";proto=http | 2001:db8::7 | Forwarded: for=\"[2001:db8::8]\"",
        "forwarded       | FORWARDED: proto=https;For=192.0.2.7:4711 | 192.0.2.7    | Forwarded: for=192.0.2.8",
      })
  void trustedProxyNamesTheClientAddressThatPeersSee(
      String header, String firstHeader, String expectedAddress, String secondHeader)
      throws Exception {
    try (HttpTracker tracker = start(header, "\"127.0.0.0/8\", \"::1/128\"")) {
      final byte[] hash = filled(0x51);
      announce(tracker, hash, 1, 6881, firstHeader.strip());

      final BencodeValue.Dict body = announce(tracker, hash, 2, 6882, secondHeader.strip()).dict();

      final InetAddress expected = InetAddress.ofLiteral(expectedAddress.strip());
      final int addressLength = expected.getAddress().length;
      final byte[] peers = body.bytes(addressLength == 4 ? "peers" : "peers6");
      assertThat(peers).hasSize(addressLength + 2);
      assertThat(Arrays.copyOf(peers, addressLength)).isEqualTo(expected.getAddress());
      assertThat(Short.toUnsignedInt(ByteBuffer.wrap(peers, addressLength, 2).getShort()))
          .isEqualTo(6881);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''", "X-Forwarded-For: not-an-address", "X-Forwarded-For: 192.0.2.1,", "X-Real-IP: 192.0.2.1"})
  void trustedProxyWithoutAUsableHeaderGetsAFailureAndIsCounted(String header) throws Exception {
    try (HttpTracker tracker = start("x_forwarded_for", "\"127.0.0.1\"")) {
      final HttpTrackerResponse response =
          header.isEmpty()
              ? announce(tracker, filled(0x52), 1, 6881)
              : announce(tracker, filled(0x52), 1, 6881, header);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.failureReason()).contains("client address header from the reverse proxy");
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_http_failure_responses_total", "reason",
              "reverse_proxy_header"))
          .isEqualTo(1);
    }
  }

  @Test
  void untrustedPeerIsServedWithItsOwnAddressAndTheHeaderIgnored() throws Exception {
    try (HttpTracker tracker = start("x_forwarded_for", "\"10.0.0.0/8\"")) {
      final byte[] hash = filled(0x53);
      announce(tracker, hash, 1, 6881, "X-Forwarded-For: 192.0.2.7");

      final BencodeValue.Dict body = announce(tracker, hash, 2, 6882).dict();

      final byte[] peers = body.bytes("peers");
      assertThat(Arrays.copyOf(peers, 4)).isEqualTo(new byte[] {127, 0, 0, 1});
    }
  }

  private static HttpTrackerResponse announce(
      HttpTracker tracker, byte[] hash, int peer, int port, String... headers) throws Exception {
    final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
    try (RawHttpConnection connection = RawHttpConnection.connect(address, 2_000)) {
      connection.send(
          RawHttpConnection.get(
              HttpAnnounceRequestWriter.announceTarget(
                  HttpAnnounceRequest.of(hash, Hashes.peerId(peer), port, HttpAnnounceEvent.STARTED, 0)),
              headers));
      return connection.readResponse().asTrackerResponse();
    }
  }
}
