package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.UdpTestClient.AnnounceReply;
import org.aquaticjava.testkit.UdpTestClient.ScrapeStats;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;
import org.aquaticjava.udp.protocol.UdpAnnounceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm restart of the packaged {@code aquatic udp} as an operator runs it: SIGTERM and start again
 * (clients see the old peers and completed counts and keep their connection ids), kill -9 after a
 * snapshot (what that snapshot held survives), and a damaged snapshot (moved aside, the tracker
 * starts empty and runs). Real processes, because signals and a crash are what is tested.
 */
@Timeout(120)
class WarmRestartIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final byte[] INFO_HASH = filled(0x5a);

  @TempDir Path dir;
  private TrackerProcess tracker;

  @AfterEach
  void killLeftover() {
    if (tracker != null) {
      tracker.close();
    }
  }

  private Path snapshot() {
    return dir.resolve("swarms.snapshot");
  }

  private TrackerProcess start(int snapshotIntervalSeconds) throws IOException, InterruptedException {
    return start(TrackerProtocol.UDP, snapshotIntervalSeconds);
  }

  private TrackerProcess start(TrackerProtocol protocol, int snapshotIntervalSeconds)
      throws IOException, InterruptedException {
    tracker =
        TrackerProcess.start(
            JAR.toAbsolutePath(),
            dir,
            protocol,
            "[persistence]\npath = \"%s\"\nsnapshot_interval = %d\n"
                .formatted(TrackerProcess.tomlString(snapshot()), snapshotIntervalSeconds));
    return tracker;
  }

  private static byte[] filled(int b) {
    final byte[] bytes = new byte[20];
    Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  private static byte[] peerId(int peer) {
    return Arrays.copyOf(("-AQ0001-peer" + peer).getBytes(StandardCharsets.US_ASCII), 20);
  }

  private static UdpAnnounceRequest announce(int peer, int port, UdpAnnounceEvent event, long left) {
    return UdpAnnounceRequest.of(INFO_HASH, peerId(peer), port, event, left);
  }

  private UdpTestClient client() throws IOException {
    return UdpTestClient.open(new InetSocketAddress("127.0.0.1", tracker.port()));
  }

  private double snapshots(String result) throws IOException, InterruptedException {
    return tracker.metrics().sum("aquatic_snapshots_total", Map.of("result", result));
  }

  @Test
  void afterSigtermAndARestartClientsSeeTheOldPeersCountsAndConnectionIds() throws Exception {
    start(3600);
    final long oldConnectionId;
    try (UdpTestClient seeder = client();
        UdpTestClient finisher = client();
        UdpTestClient idle = client()) {
      seeder.announce(announce(1, 7001, UdpAnnounceEvent.STARTED, 0));
      finisher.announce(announce(2, 7002, UdpAnnounceEvent.STARTED, 100));
      finisher.announce(announce(2, 7002, UdpAnnounceEvent.COMPLETED, 0));
      oldConnectionId = idle.connect();
    }
    assertThat(tracker.stop()).as(tracker::logText).isZero(); // SIGTERM: the last snapshot
    assertThat(snapshot()).exists();

    start(3600);
    assertThat(tracker.logText()).contains("persistence: loaded");
    try (UdpTestClient newcomer = client();
        UdpTestClient returning = client()) {
      final AnnounceReply reply = newcomer.announce(announce(3, 7003, UdpAnnounceEvent.STARTED, 100));
      assertThat(reply.peers())
          .extracting(InetSocketAddress::getPort)
          .containsExactlyInAnyOrder(7001, 7002);
      assertThat(newcomer.scrape(INFO_HASH)).containsExactly(new ScrapeStats(2, 1, 1));
      returning.useConnectionId(oldConnectionId); // issued by the previous process
      assertThat(returning.announce(announce(4, 7004, UdpAnnounceEvent.STARTED, 100)).peers())
          .hasSize(3);
    }
    assertThat(tracker.stop()).isZero();
  }

  @Test
  void theHttpTrackerKeepsPeersAndCompletedCountsAcrossSigterm() throws Exception {
    start(TrackerProtocol.HTTP, 3600);
    final InetSocketAddress address = new InetSocketAddress("127.0.0.1", tracker.port());
    try (HttpTestClient client = HttpTestClient.http(address)) {
      client.announce(httpAnnounce(1, 7001, org.aquaticjava.http.protocol.HttpAnnounceEvent.STARTED, 0));
      client.announce(httpAnnounce(2, 7002, org.aquaticjava.http.protocol.HttpAnnounceEvent.STARTED, 100));
      client.announce(httpAnnounce(2, 7002, org.aquaticjava.http.protocol.HttpAnnounceEvent.COMPLETED, 0));
    }
    assertThat(tracker.stop()).as(tracker::logText).isZero();

    start(TrackerProtocol.HTTP, 3600);
    try (HttpTestClient client =
        HttpTestClient.http(new InetSocketAddress("127.0.0.1", tracker.port()))) {
      final BencodeValue.Dict counts =
          client.scrape(List.of(INFO_HASH)).dict().dict("files")
              .dict(new String(INFO_HASH, StandardCharsets.ISO_8859_1));
      assertThat(counts.integer("complete")).isEqualTo(2);
      assertThat(counts.integer("downloaded")).isEqualTo(1);
      assertThat(
              client.announce(httpAnnounce(3, 7003, org.aquaticjava.http.protocol.HttpAnnounceEvent.STARTED, 100))
                  .dict()
                  .bytes("peers"))
          .hasSize(2 * 6);
    }
    assertThat(tracker.stop()).isZero();
  }

  private static org.aquaticjava.http.protocol.HttpAnnounceRequest httpAnnounce(
      int peer, int port, org.aquaticjava.http.protocol.HttpAnnounceEvent event, long left) {
    return org.aquaticjava.http.protocol.HttpAnnounceRequest.of(INFO_HASH, peerId(peer), port, event, left);
  }

  @Test
  void killNineAfterASnapshotLosesAtMostTheChangesSinceIt() throws Exception {
    start(1);
    try (UdpTestClient early = client()) {
      early.announce(announce(1, 7001, UdpAnnounceEvent.STARTED, 0));
      // Two more successes: the second began after the announce, so it holds it.
      final double before = snapshots("success");
      await().atMost(Duration.ofSeconds(20)).until(() -> snapshots("success") >= before + 2);
    }
    assertThat(tracker.kill()).isNotZero();
    start(1);
    try (UdpTestClient newcomer = client()) {
      assertThat(newcomer.announce(announce(3, 7003, UdpAnnounceEvent.STARTED, 100)).peers())
          .extracting(InetSocketAddress::getPort)
          .containsExactly(7001);
    }
    assertThat(tracker.stop()).isZero();
  }

  @Test
  void aDamagedSnapshotIsMovedAsideAndTheTrackerStartsEmpty() throws Exception {
    start(3600);
    try (UdpTestClient seeder = client()) {
      seeder.announce(announce(1, 7001, UdpAnnounceEvent.STARTED, 0));
    }
    assertThat(tracker.stop()).isZero();
    final byte[] good = Files.readAllBytes(snapshot());
    final byte[] damaged = Arrays.copyOf(good, good.length - 5); // a torn write, say
    Files.write(snapshot(), damaged);

    start(3600);
    assertThat(tracker.logText()).contains("is truncated").contains("moved aside");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("swarms.snapshot.truncated-"));
    }
    try (UdpTestClient newcomer = client()) {
      assertThat(newcomer.announce(announce(3, 7003, UdpAnnounceEvent.STARTED, 100)).peers()).isEmpty();
    }
    assertThat(tracker.stop()).isZero();
    assertThat(Files.readAllBytes(snapshot())).isNotEqualTo(damaged); // a good one replaced it
  }
}
