package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aquaticjava.cli.e2e.Aria2Transfer.Expect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real aria2c clients of one torrent on the packaged {@code aquatic all}, the seeder announcing
 * over one protocol and the leecher over the other: they can only meet through the one swarm store
 * UDP and HTTP share. Needs aria2c, mktorrent, sha256sum, timeout (scripts/install-e2e-deps.sh).
 */
class AllTransferIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final Path SCRIPT =
      Path.of(System.getProperty("aquatic.e2e.transferScript", "../scripts/e2e-aria2-transfer.sh"));

  @TempDir Path dir;
  private TrackerProcess tracker;

  @BeforeEach
  void startAll() throws Exception {
    RequiredTools.requireOnPath("bash", "aria2c", "mktorrent", "sha256sum", "timeout");
    final Path config =
        Files.writeString(
            dir.resolve("all.toml"),
            """
            [metrics]
            run_prometheus_endpoint = true
            prometheus_endpoint_address = "127.0.0.1:0"
            [stats]
            enabled = false
            [persistence]
            path = ""
            [udp]
            socket_workers = 1
            [udp.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            socket_recv_buffer_size = 0
            [udp.protocol]
            peer_announce_interval = 5
            [http]
            socket_workers = 1
            [http.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            [http.protocol]
            peer_announce_interval = 5
            min_announce_interval = 5
            [http.limits]
            max_connections = 64
            [ws]
            enabled = false
            """);
    tracker = TrackerProcess.startAll(JAR, dir, config, TrackerProtocol.HTTP); // HTTP starts after UDP
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (tracker != null) {
      try (TrackerProcess stopping = tracker) {
        assertThat(stopping.stop()).as(stopping::logText).isZero();
      }
    }
  }

  @ParameterizedTest(name = "seeder over {0}")
  @ValueSource(strings = {"udp", "http"})
  void aSeederOverOneProtocolAndALeecherOverTheOtherTransferAFile(String seederProtocol) throws Exception {
    final String udp = TrackerProtocol.UDP.announceUrl(tracker.port(TrackerProtocol.UDP));
    final String http = TrackerProtocol.HTTP.announceUrl(tracker.port(TrackerProtocol.HTTP));
    final String seederUrl = seederProtocol.equals("udp") ? udp : http;
    final String leecherUrl = seederProtocol.equals("udp") ? http : udp;
    final Aria2Run run =
        new Aria2Transfer(SCRIPT.toAbsolutePath())
            .run(
                seederUrl,
                dir.resolve("transfer"),
                Expect.TRANSFER,
                Duration.ofSeconds(40),
                Map.of("E2E_LEECHER_TRACKER_URL", leecherUrl, "E2E_LOG_LEVEL", "debug"));
    assertThat(run.exitCode()).as(run::output).isZero();
    assertThat(run.output())
        .contains("transferred via " + seederUrl + " (seeder) and " + leecherUrl + " (leecher)");
    final PrometheusText metrics = tracker.metrics();
    for (String protocol : List.of("udp", "http")) {
      assertThat(metrics.sum("aquatic_responses_total", Map.of("protocol", protocol, "type", "announce")))
          .as("%s announces answered", protocol)
          .isPositive();
    }
  }
}
