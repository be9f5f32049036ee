package org.aquaticjava.udp;

import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.testkit.RateLimits;
import org.aquaticjava.testkit.Saturation;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.junit.jupiter.api.Test;

/**
 * Overload shedding on the real UDP tracker over loopback: with its socket workers' event loops
 * held up (a real lag, measured by the real probes), announces get the raised interval and
 * scrapes are dropped, each counted; once the loops are free again it returns to normal by itself.
 * And the UDP signal of its own: a socket whose reads keep coming back full (a backlog in its
 * receive queue) makes its worker shed though the loop is never late enough to count.
 */
class OverloadIntegrationTest {
  private static final AnnounceRequest ANNOUNCE =
      AnnounceRequest.of(infoHash(1), peerId(1), 6881, AnnounceEvent.STARTED, 0);

  @Test
  void aSaturatedTrackerRaisesTheIntervalAndDropsScrapesThenRecovers() throws Exception {
    final UdpConfig config =
        TestTrackers.config(IoTransportChoice.AUTO, "[network]\nuse_ipv6 = false\n" + Saturation.QUICK_TOML);
    final int interval = config.protocol().peerAnnounceInterval();
    try (UdpTracker tracker = TestTrackers.start(config);
        RawUdpSocket client = RawUdpSocket.open(tracker.localAddressIpv4().orElseThrow())) {
      final TrackerMetrics metrics = tracker.runtime().metrics();
      final long connectionId = client.connect();
      final byte[] scrape = RawUdpSocket.scrapeDatagram(connectionId, 9, List.of(infoHash(1)));
      client.exchange(RawUdpSocket.announceDatagram(connectionId, 6, ANNOUNCE)); // warms up
      // Start-up work on the loop (class loading, JIT) may have made late probes enough to shed:
      // wait for the calm that must follow.
      Saturation.awaitRecovery(metrics, "udp");
      assertThat(client.exchangeParsed(RawUdpSocket.announceDatagram(connectionId, 7, ANNOUNCE))
              .interval())
          .isEqualTo(interval);

      final double raised = Saturation.shed(metrics, "udp", "interval_raised");
      Saturation.saturate(tracker.socketWorkers(), metrics, "udp");
      assertThat(client.exchangeParsed(RawUdpSocket.announceDatagram(connectionId, 8, ANNOUNCE))
              .interval())
          .isEqualTo(Saturation.QUICK.raisedInterval(interval, config.cleaning().maxPeerAge()))
          .isGreaterThan(interval);
      client.send(scrape);
      assertThat(client.receive(Duration.ofMillis(300))).isEmpty();
      assertThat(Saturation.shed(metrics, "udp", "interval_raised")).isEqualTo(raised + 1);
      assertThat(Saturation.shed(metrics, "udp", "scrape_dropped")).isOne();

      Saturation.awaitRecovery(metrics, "udp");
      assertThat(client.exchangeParsed(RawUdpSocket.announceDatagram(connectionId, 10, ANNOUNCE))
              .interval())
          .isEqualTo(interval);
      assertThat(client.exchangeParsed(scrape).outcome()).isEqualTo(ResponseOutcome.SCRAPE);
    }
  }

  @Test
  void readsThatComeBackFullStartSheddingWithoutAnyLag() throws Exception {
    // 1 MiB of receive buffer holds the backlog below; a kernel capping it lower cannot.
    final Path rmemMax = Path.of("/proc/sys/net/core/rmem_max");
    assumeTrue(
        Files.isReadable(rmemMax)
            && Long.parseLong(Files.readAllLines(rmemMax).getFirst().strip()) >= 1 << 20,
        "net.core.rmem_max below 1 MiB");
    // Lag never counts (a minute); one window of mostly full reads starts shedding.
    final UdpConfig config =
        TestTrackers.config(
            IoTransportChoice.AUTO,
            """
            socket_workers = 1
            [network]
            use_ipv6 = false
            [overload]
            enabled = true
            probe_interval_ms = 1000
            lag_threshold_ms = 60000
            full_reads_percent = 50
            saturated_windows = 1
            calm_windows = 3
            announce_interval_factor = 2
            retry_in = 180
            """
                + RateLimits.OFF_TOML); // one source sends the whole backlog
    try (UdpTracker tracker = TestTrackers.start(config);
        RawUdpSocket client = RawUdpSocket.open(tracker.localAddressIpv4().orElseThrow())) {
      assumeTrue(!tracker.served().transport().equals("nio"), "NIO reads tell nothing");
      final TrackerMetrics metrics = tracker.runtime().metrics();
      client.connect(); // warms the worker up
      Saturation.awaitRecovery(metrics, "udp");

      // Hold the loop while a backlog of 1,200 connects (19 full batches of 64) queues up in the
      // socket: once free, the loop drains it in full reads.
      final CountDownLatch held = new CountDownLatch(1);
      tracker.socketWorkers().next().execute(() -> {
        held.countDown();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
      final byte[] connect = RawUdpSocket.connectDatagram(1);
      for (int i = 0; i < 1_200; i++) {
        client.send(connect);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Saturation.shedding(metrics, "udp") == 1);
      Saturation.awaitRecovery(metrics, "udp");
    }
  }
}
