package org.aquaticjava.loadtest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.aquaticjava.loadtest.LoadConfig;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.ReportPrinter;
import org.aquaticjava.loadtest.SourcesConfig;
import org.aquaticjava.loadtest.WorkloadConfig;
import org.junit.jupiter.api.Test;

/** Runs the real load tester for a second or two against {@link TestUdpResponder} on loopback. */
class UdpLoadTestTest {
  private static final WorkloadConfig WORKLOAD = new WorkloadConfig(99, 1000, 1.0, 5000, 0.5, 0.05);

  private static UdpLoadTestConfig config(String server, int durationSeconds, int rate, int timeoutMs) {
    return new UdpLoadTestConfig(
        server,
        2,
        UdpLoadMode.POPULATION,
        new LoadConfig(durationSeconds, rate, timeoutMs, 1),
        WORKLOAD,
        new UdpLoadTestConfig.Requests(0, 80, 20, 20, 5),
        new UdpLoadTestConfig.Network(2, 16, 0, 60),
        SourcesConfig.DEFAULTS);
  }

  private static LoadTestResult run(UdpLoadTestConfig config) throws Exception {
    final StringWriter progress = new StringWriter();
    final LoadTestResult result = UdpLoadTest.run(config, new PrintWriter(progress, true));
    assertThat(progress.toString()).contains("udp load test: target");
    return result;
  }

  private static void assertEveryRequestAccountedFor(LoadTestResult result) {
    assertThat(result.sent()).isEqualTo(result.responses() + result.malformed() + result.lost());
  }

  @Test
  void countsMatchAWellBehavedTrackerExactly() throws Exception {
    try (TestUdpResponder tracker = TestUdpResponder.wellBehaved(InetAddress.getLoopbackAddress())) {
      final StringWriter progress = new StringWriter();
      final LoadTestResult result =
          UdpLoadTest.run(config(tracker.serverAddress(), 2, 0, 1000), new PrintWriter(progress));
      tracker.stop();

      assertThat(progress.toString()).containsOnlyOnce("announce/s=");
      assertEveryRequestAccountedFor(result);
      assertThat(result.lost()).isZero();
      assertThat(result.malformed()).isZero();
      assertThat(result.errors()).isZero();
      assertThat(result.late()).isZero();
      // One handshake per socket (2 workers x 2 sockets); no renewal within 2 s.
      assertThat(result.responses("connect")).isEqualTo(4).isEqualTo(tracker.connects.get());
      assertThat(result.responses("announce")).isPositive().isEqualTo(tracker.announces.get());
      assertThat(result.responses("scrape")).isPositive().isEqualTo(tracker.scrapes.get());
      assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.responses());
      assertThat(result.percentileMicros(50)).isPositive();
      assertThat(ReportPrinter.summaryLine(result))
          .startsWith("SUMMARY protocol=udp ")
          .contains(" announce=" + tracker.announces.get() + " ")
          .contains(" lost=0 ")
          .contains(" p999_us=");
    }
  }

  @Test
  void lostMalformedAndErrorRepliesAreCountedAsSuch() throws Exception {
    try (TestUdpResponder tracker =
        TestUdpResponder.misbehaving(InetAddress.getLoopbackAddress(), 10, 7, 13)) {
      final LoadTestResult result = run(config(tracker.serverAddress(), 2, 0, 100));
      tracker.stop();

      assertEveryRequestAccountedFor(result);
      // Every deliberately dropped request is lost. On a loaded machine a reply can also miss its
      // timeout (it then arrives "late", matching nothing), so lost may exceed the drops by those.
      assertThat(result.lost())
          .isPositive()
          .isBetween(tracker.dropped.get(), tracker.dropped.get() + result.late());
      assertThat(result.malformed()).isPositive().isEqualTo(tracker.tooMany.get());
      assertThat(result.errors()).isPositive().isEqualTo(tracker.errors.get());
      assertThat(result.errorMessages()).containsOnlyKeys(TestUdpResponder.ERROR_MESSAGE);
      // Error replies make the sockets fetch new connection ids.
      assertThat(result.responses("connect")).isGreaterThan(4).isEqualTo(tracker.connects.get());
    }
  }

  @Test
  void openLoopNeverExceedsTheSchedule() throws Exception {
    try (TestUdpResponder tracker = TestUdpResponder.wellBehaved(InetAddress.getLoopbackAddress())) {
      final LoadTestResult result = run(config(tracker.serverAddress(), 1, 400, 1000));
      assertEveryRequestAccountedFor(result);
      assertThat(result.rate()).isEqualTo(400);
      assertThat(result.sent())
          .isPositive()
          .isLessThanOrEqualTo((long) Math.ceil(400 * result.durationSeconds()) + 2);
    }
  }

  @Test
  void speaksIpv6WithEighteenBytePeers() throws Exception {
    try (TestUdpResponder tracker = TestUdpResponder.wellBehaved(InetAddress.getByName("::1"))) {
      final LoadTestResult result = run(config(tracker.serverAddress(), 1, 0, 1000));
      tracker.stop();
      assertEveryRequestAccountedFor(result);
      assertThat(result.malformed()).isZero();
      assertThat(result.responses("announce")).isPositive().isEqualTo(tracker.announces.get());
    }
  }

  @Test
  void socketsSendFromDistinctSourceAddressesOfTheRange() throws Exception {
    try (TestUdpResponder tracker = TestUdpResponder.wellBehaved(InetAddress.getLoopbackAddress())) {
      final UdpLoadTestConfig base = config(tracker.serverAddress(), 1, 0, 1000);
      // 2 workers x 8 sockets over the first 12 addresses of 127.3.0.0/24: 12 sources, 4 shared.
      // 4 in flight per socket: 64 in all stay within the responder's socket buffer.
      final LoadTestResult result =
          run(
              new UdpLoadTestConfig(
                  base.serverAddress(),
                  base.workers(),
                  base.mode(),
                  base.load(),
                  base.workload(),
                  base.requests(),
                  new UdpLoadTestConfig.Network(8, 4, 0, 60),
                  new SourcesConfig("127.3.0.0/24", 12)));
      tracker.stop();
      assertEveryRequestAccountedFor(result);
      assertThat(result.lost()).isZero();
      final Set<InetAddress> expected = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        expected.add(InetAddress.getByName("127.3.0." + i));
      }
      assertThat(tracker.sources).isEqualTo(expected);
    }
  }

  @Test
  void connectFloodSendsFromEveryAddressOfTheRangeWithoutReadingReplies() throws Exception {
    try (TestUdpResponder tracker = TestUdpResponder.wellBehaved(InetAddress.getLoopbackAddress())) {
      final UdpLoadTestConfig flood =
          new UdpLoadTestConfig(
              tracker.serverAddress(),
              2,
              UdpLoadMode.CONNECT_FLOOD,
              new LoadConfig(2, 3000, 1000, 1),
              WORKLOAD,
              UdpLoadTestConfig.Requests.DEFAULTS,
              new UdpLoadTestConfig.Network(1, 1, 0, 60),
              new SourcesConfig("127.4.0.0/16", 1000));
      final StringWriter progress = new StringWriter();
      final LoadTestResult result = UdpLoadTest.run(flood, new PrintWriter(progress, true));
      assertThat(progress.toString()).contains("udp connect flood: target");
      // Up to 6000 sent in two seconds: every one of the 1000 addresses at least once.
      assertThat(result.sent()).isBetween(1000L, 6000L + 2);
      assertThat(result.responses()).isZero();
      assertThat(result.lost()).isZero();
      final long deadline = System.nanoTime() + 5_000_000_000L;
      while (tracker.connects.get() < result.sent() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      tracker.stop();
      assertThat(tracker.connects.get()).isEqualTo(result.sent());
      assertThat(tracker.sources)
          .hasSize(1000)
          .allMatch(address -> address.getHostAddress().startsWith("127.4."));
    }
  }
}
