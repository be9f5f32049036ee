package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.WorkerDeaths;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code aquatic all} in-process over real loopback sockets: UDP and HTTP announce into one store
 * (each sees the other's peers, one client over both is one peer, scrapes agree), WebTorrent on
 * the same torrent answers from its own swarms, one registry counts all three, and a disabled
 * protocol does not start.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AllTrackerIntegrationTest {
  /** ASCII, so the WebTorrent message carries the same 20 bytes as the UDP and HTTP requests. */
  private static final byte[] TORRENT = "aquatic-all-torrent1".getBytes(StandardCharsets.US_ASCII);

  private static final String LOOPBACK =
      """
      [udp.network]
      use_ipv6 = false
      address_ipv4 = "127.0.0.1:0"
      [http.network]
      use_ipv6 = false
      address_ipv4 = "127.0.0.1:0"
      [ws.network]
      use_ipv6 = false
      address_ipv4 = "127.0.0.1:0"
      [persistence]
      path = ""
      [ws.persistence]
      path = ""
      [stats]
      address = "127.0.0.1:0"
      """;

  @AfterEach
  void noWorkerDied() {
    assertThat(WorkerDeaths.drain()).isEmpty();
  }

  private static AllTracker start(String toml) throws Exception {
    return AllTracker.start(
        ConfigLoader.parse(toml, AllConfig.class, AllConfig.DEFAULTS), WorkerDeaths::record);
  }

  @Test
  void udpAndHttpShareOneSwarmAndWebTorrentAnswersOnTheSameTorrent() throws Exception {
    try (AllTracker tracker = start(LOOPBACK);
        UdpTestClient udp =
            UdpTestClient.open(tracker.udp().orElseThrow().localAddressIpv4().orElseThrow());
        HttpTestClient http =
            HttpTestClient.http(tracker.http().orElseThrow().localAddressIpv4().orElseThrow())) {
      udp.connect();
      // A seeder over UDP, a leecher over HTTP: each is handed the other.
      udp.announce(TORRENT, peerId('u'), 6881, org.aquaticjava.udp.protocol.UdpAnnounceEvent.STARTED, 0);
      final BencodeValue.Dict leecher =
          http.announce(HttpAnnounceRequest.of(TORRENT, peerId('h'), 6882, HttpAnnounceEvent.STARTED, 100))
              .dict();
      assertThat(leecher.integer("complete")).isEqualTo(1);
      assertThat(compactPorts(leecher.bytes("peers"))).containsExactly(6881);
      final UdpTestClient.AnnounceReply seeder =
          udp.announce(TORRENT, peerId('u'), 6881, org.aquaticjava.udp.protocol.UdpAnnounceEvent.NONE, 0);
      assertThat(seeder.leechers()).isEqualTo(1);
      assertThat(seeder.peers())
          .containsExactly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 6882));

      // The UDP seeder's address and port announcing over HTTP too is the same peer, counted once.
      http.announce(HttpAnnounceRequest.of(TORRENT, peerId('u'), 6881, HttpAnnounceEvent.NONE, 0));
      final UdpTestClient.ScrapeStats overUdp = udp.scrape(TORRENT).getFirst();
      assertThat(overUdp.seeders()).isEqualTo(1);
      assertThat(overUdp.leechers()).isEqualTo(1);
      final BencodeValue.Dict overHttp =
          http.scrape(List.of(TORRENT)).dict().dict("files").dict(latin1(TORRENT));
      assertThat(overHttp.integer("complete")).isEqualTo(overUdp.seeders());
      assertThat(overHttp.integer("incomplete")).isEqualTo(overUdp.leechers());

      // WebTorrent on the same info hash: served from its own swarms (WebRTC peers only). Its
      // counts include the announcing seeder itself; the UDP/HTTP seeder and leecher are not there.
      final String reply =
          WsExchange.once(
              tracker.ws().orElseThrow().localAddressIpv4().orElseThrow(),
              "{\"action\":\"announce\",\"info_hash\":\"" + latin1(TORRENT) + "\",\"peer_id\":\""
                  + latin1(peerId('w')) + "\",\"numwant\":5,\"uploaded\":0,\"downloaded\":0,"
                  + "\"left\":0,\"event\":\"started\",\"offers\":[]}");
      assertThat(reply)
          .contains("\"action\":\"announce\"")
          .contains("\"complete\":1")
          .contains("\"incomplete\":0");

      // One registry: the shared families tell the protocols apart by label.
      final TrackerMetrics metrics = tracker.runtime().metrics();
      assertThat(MetricValues.sum(metrics, "aquatic_responses_total", "protocol", "udp", "type", "announce"))
          .isEqualTo(2);
      assertThat(MetricValues.sum(metrics, "aquatic_responses_total", "protocol", "http", "type", "announce"))
          .isEqualTo(2);
      assertThat(MetricValues.sum(metrics, "aquatic_requests_total", "protocol", "ws", "type", "announce"))
          .isEqualTo(1);
    }
  }

  @Test
  void aDisabledProtocolDoesNotStart() throws Exception {
    try (AllTracker tracker =
        start(LOOPBACK + "\n[udp]\nenabled = false\n[ws]\nenabled = false\n")) {
      assertThat(tracker.udp()).isEmpty();
      assertThat(tracker.ws()).isEmpty();
      try (HttpTestClient http =
          HttpTestClient.http(tracker.http().orElseThrow().localAddressIpv4().orElseThrow())) {
        assertThat(
                http.announce(HttpAnnounceRequest.of(TORRENT, peerId('h'), 6882, HttpAnnounceEvent.STARTED, 0))
                    .status())
            .isEqualTo(200);
      }
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_requests_total", "protocol", "udp"))
          .isZero();
    }
  }

  /** A port another process holds is named by its key path in the all config, not the bare one. */
  @Test
  void aBusyPortIsAConfigErrorNamingTheProtocolsKey() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      final String toml =
          LOOPBACK.replace(
                  "[http.network]\nuse_ipv6 = false\naddress_ipv4 = \"127.0.0.1:0\"",
                  "[http.network]\nuse_ipv6 = false\naddress_ipv4 = \"127.0.0.1:" + busy.getLocalPort() + "\"");
      assertThat(toml).contains("127.0.0.1:" + busy.getLocalPort());
      assertThatThrownBy(() -> start(toml))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "http.network.address_ipv4: 127.0.0.1:" + busy.getLocalPort() + " (TCP) is already in use");
    }
  }

  @Test
  void webTorrentAloneRunsWithoutTheIpPortStore() throws Exception {
    try (AllTracker tracker =
        start(LOOPBACK + "\n[udp]\nenabled = false\n[http]\nenabled = false\n")) {
      assertThat(tracker.udp()).isEmpty();
      assertThat(tracker.http()).isEmpty();
      assertThat(
              WsExchange.once(
                  tracker.ws().orElseThrow().localAddressIpv4().orElseThrow(),
                  "{\"action\":\"scrape\",\"info_hash\":\"" + latin1(TORRENT) + "\"}"))
          .contains("\"action\":\"scrape\"");
    }
  }

  private static byte[] peerId(char c) {
    return ("-AJ0001-" + String.valueOf(c).repeat(12)).getBytes(StandardCharsets.US_ASCII);
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static List<Integer> compactPorts(byte[] peers) {
    final List<Integer> ports = new ArrayList<>();
    final ByteBuffer buffer = ByteBuffer.wrap(peers);
    while (buffer.remaining() >= 6) {
      buffer.getInt();
      ports.add(Short.toUnsignedInt(buffer.getShort()));
    }
    return ports;
  }
}
