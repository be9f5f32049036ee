package org.aquaticjava.udp;

import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.UdpTestClient.AnnounceReply;
import org.aquaticjava.testkit.UdpTestClient.ScrapeStats;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Warm restart on the real UDP tracker: a second tracker started on the first one's snapshot
 * serves its peers and completed counts and accepts the connection ids it issued; a snapshot that
 * cannot be written is counted while serving goes on and the previous one stays.
 */
class WarmRestartIntegrationTest {
  @TempDir Path dir;

  private UdpConfig config(int intervalSeconds) {
    return TestTrackers.config(
        IoTransportChoice.AUTO,
        "[persistence]\npath = '%s'\nsnapshot_interval = %d"
            .formatted(dir.resolve("udp.snapshot"), intervalSeconds));
  }

  private static AnnounceRequest announce(int peer, int port, AnnounceEvent event, long left) {
    return AnnounceRequest.of(infoHash(1), peerId(peer), port, event, left);
  }

  @ParameterizedTest
  @EnumSource(LoopbackFamily.class)
  void aRestartedTrackerServesTheOldPeersCountsAndConnectionIds(LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    final long oldConnectionId;
    try (UdpTracker before = TestTrackers.start(config(3600));
        UdpTestClient seeder = UdpTestClient.open(family.of(before));
        UdpTestClient finisher = UdpTestClient.open(family.of(before));
        UdpTestClient idle = UdpTestClient.open(family.of(before))) {
      seeder.announce(announce(1, 7001, AnnounceEvent.STARTED, 0));
      finisher.announce(announce(2, 7002, AnnounceEvent.STARTED, 100));
      finisher.announce(announce(2, 7002, AnnounceEvent.COMPLETED, 0));
      oldConnectionId = idle.connect();
    } // close: the last snapshot

    try (UdpTracker after = TestTrackers.start(config(3600));
        UdpTestClient newcomer = UdpTestClient.open(family.of(after));
        UdpTestClient returning = UdpTestClient.open(family.of(after))) {
      final AnnounceReply reply = newcomer.announce(announce(3, 7003, AnnounceEvent.STARTED, 100));
      assertThat(reply.peers()).extracting(InetSocketAddress::getPort).containsExactlyInAnyOrder(7001, 7002);
      assertThat(reply.seeders()).isEqualTo(2);
      assertThat(newcomer.scrape(infoHash(1))).containsExactly(new ScrapeStats(2, 1, 1));

      // An id issued before the restart, used without connecting again.
      returning.useConnectionId(oldConnectionId);
      assertThat(returning.announce(announce(4, 7004, AnnounceEvent.STARTED, 100)).peers())
          .extracting(InetSocketAddress::getPort)
          .containsExactlyInAnyOrder(7001, 7002, 7003);
    }
  }

  @ParameterizedTest
  @EnumSource(value = LoopbackFamily.class, names = "IPV4")
  void anUnwritableSnapshotIsCountedWhileServingGoesOnAndThePreviousOneStays(LoopbackFamily family)
      throws Exception {
    final Path snapshot = dir.resolve("udp.snapshot");
    try (UdpTracker tracker = TestTrackers.start(config(1));
        UdpTestClient client = UdpTestClient.open(family.of(tracker))) {
      client.announce(announce(1, 7001, AnnounceEvent.STARTED, 0));
      await().atMost(Duration.ofSeconds(10)).until(() -> snapshots(tracker, "success") >= 1);

      // The temporary file's name is taken by a non-empty directory (root ignores mode bits).
      final Path blocker = Files.createDirectory(dir.resolve("udp.snapshot.tmp"));
      Files.writeString(blocker.resolve("keep"), "x");
      final byte[] previous = Files.readAllBytes(snapshot);
      await().atMost(Duration.ofSeconds(10)).until(() -> snapshots(tracker, "failure") >= 2);

      assertThat(client.announce(announce(1, 7001, AnnounceEvent.NONE, 0)).seeders()).isZero();
      assertThat(Files.readAllBytes(snapshot)).isEqualTo(previous);
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_snapshot_age_seconds"))
          .isGreaterThanOrEqualTo(1);

      Files.delete(blocker.resolve("keep"));
      Files.delete(blocker);
      final double successes = snapshots(tracker, "success");
      await().atMost(Duration.ofSeconds(10)).until(() -> snapshots(tracker, "success") > successes);
    }
  }

  private static double snapshots(UdpTracker tracker, String result) {
    return MetricValues.sum(
        tracker.runtime().metrics(), "aquatic_snapshots_total", "result", result);
  }
}
