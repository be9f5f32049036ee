package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code aquatic all} as an operator runs it: one process, one config, serving UDP,
 * HTTP and WebTorrent on loopback, UDP and HTTP peers in one swarm, one metrics endpoint counting
 * all three, exit 0 after SIGTERM.
 */
@Timeout(120)
class AllCommandIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final byte[] INFO_HASH = "aquatic-all-e2e-hash".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private TrackerProcess tracker;

  @AfterEach
  void killLeftover() {
    if (tracker != null) {
      tracker.close();
    }
  }

  @Test
  void servesEveryProtocolFromOneSwarmStoreAndOneMetricsEndpoint() throws Exception {
    final Path config =
        Files.writeString(
            dir.resolve("all.toml"),
            """
            [metrics]
            run_prometheus_endpoint = true
            prometheus_endpoint_address = "127.0.0.1:0"
            [stats]
            address = "127.0.0.1:0"
            [udp]
            socket_workers = 1
            [udp.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            socket_recv_buffer_size = 0
            [http]
            socket_workers = 1
            [http.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            [ws]
            socket_workers = 1
            [ws.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            """);
    tracker = launch(config);
    final InetSocketAddress udpAddress =
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), tracker.port(TrackerProtocol.UDP));
    final InetSocketAddress httpAddress =
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), tracker.port(TrackerProtocol.HTTP));

    try (UdpTestClient udp = UdpTestClient.open(udpAddress);
        HttpTestClient http = HttpTestClient.http(httpAddress)) {
      udp.announce(INFO_HASH, peerId(1), 7001, UdpAnnounceEvent.STARTED, 0); // seeder over UDP
      final BencodeValue.Dict overHttp =
          http.announce(
                  HttpAnnounceRequest.of(
                      INFO_HASH, peerId(2), 7002,
                      org.aquaticjava.http.protocol.HttpAnnounceEvent.STARTED, 100))
              .dict();
      assertThat(overHttp.integer("complete")).isEqualTo(1);
      final ByteBuffer peer = ByteBuffer.wrap(overHttp.bytes("peers"));
      peer.getInt();
      assertThat(Short.toUnsignedInt(peer.getShort())).isEqualTo(7001);
      assertThat(udp.announce(INFO_HASH, peerId(1), 7001, UdpAnnounceEvent.NONE, 0).peers())
          .containsExactly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 7002));
    }
    assertThat(tracker.scrape(TrackerProtocol.UDP, INFO_HASH))
        .isEqualTo(tracker.scrape(TrackerProtocol.HTTP, INFO_HASH))
        .isEqualTo(new TrackerProcess.SwarmCounts(1, 1));

    final PrometheusText metrics = tracker.metrics();
    assertThat(metrics.sum("aquatic_responses_total", Map.of("protocol", "udp", "type", "announce")))
        .isEqualTo(2);
    assertThat(metrics.sum("aquatic_responses_total", Map.of("protocol", "http", "type", "announce")))
        .isEqualTo(1);
    assertThat(metrics.sum("aquatic_peers", Map.of("swarms", "bittorrent"))).isZero(); // until cleaning
    assertThat(tracker.logText()).doesNotContain("ERROR");

    assertThat(tracker.stop()).as(tracker::logText).isZero();
    assertThat(tracker.logText()).contains("aquatic all stopped");

    // Warm restart is on by default in aquatic all: both peers come back from the snapshot the
    // SIGTERM wrote into the working directory.
    assertThat(dir.resolve("aquatic-swarms.snapshot")).isRegularFile();
    tracker = launch(config);
    assertThat(tracker.logText()).contains("persistence: loaded aquatic-swarms.snapshot");
    assertThat(tracker.scrape(TrackerProtocol.UDP, INFO_HASH))
        .isEqualTo(tracker.scrape(TrackerProtocol.HTTP, INFO_HASH))
        .isEqualTo(new TrackerProcess.SwarmCounts(1, 1));
    assertThat(tracker.stop()).as(tracker::logText).isZero();
  }

  /** The packaged {@code aquatic all -c config}, in {@link #dir}, once every protocol listens. */
  private TrackerProcess launch(Path config) throws Exception {
    return TrackerProcess.startAll(JAR, dir, config, TrackerProtocol.WS); // WS starts last
  }

  private static byte[] peerId(int peer) {
    return Arrays.copyOf(("-AQ0001-peer" + peer).getBytes(StandardCharsets.US_ASCII), 20);
  }
}
