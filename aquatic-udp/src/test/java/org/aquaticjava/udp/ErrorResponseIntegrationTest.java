package org.aquaticjava.udp;

import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.UdpTestClient.ScrapeStats;
import org.aquaticjava.testkit.UdpTrackerErrorException;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The action-3 errors and the scrape limit, over real sockets. */
class ErrorResponseIntegrationTest {
  private static final int MAX_SCRAPE_TORRENTS = 5;

  private static UdpTracker start(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    return TestTrackers.start(
        TestTrackers.config(
            transport, "[protocol]\nmax_scrape_torrents = " + MAX_SCRAPE_TORRENTS));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void announceWithPortZeroGetsAnError(IoTransportChoice transport, LoopbackFamily family)
      throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient client = UdpTestClient.open(family.of(tracker))) {
      assertThatThrownBy(
              () -> client.announce(infoHash(1), peerId(1), 0, AnnounceEvent.STARTED, 0))
          .isInstanceOf(UdpTrackerErrorException.class)
          .hasMessage("Port can't be 0");
      assertThat(client.scrape(infoHash(1))).containsExactly(new ScrapeStats(0, 0, 0));
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_responses_total", "type", "error"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void scrapeWithoutHashesGetsTheFullScrapeError(IoTransportChoice transport, LoopbackFamily family)
      throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient client = UdpTestClient.open(family.of(tracker))) {
      assertThatThrownBy(client::scrape)
          .isInstanceOf(UdpTrackerErrorException.class)
          .hasMessage("Full scrapes are not allowed");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void scrapeWithAPartialHashGetsTheInvalidListErrorWithItsTransactionId(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        RawUdpSocket raw = RawUdpSocket.open(family.of(tracker))) {
      final long id = raw.connect();
      for (int hashBytes : new int[] {1, 19, 21, 45}) {
        final UdpResponse reply =
            raw.exchangeParsed(RawUdpSocket.scrapeWithHashBytes(id, 1000 + hashBytes, hashBytes));
        assertThat(reply.outcome()).isEqualTo(ResponseOutcome.ERROR);
        assertThat(reply.transactionId()).isEqualTo(1000 + hashBytes);
        assertThat(reply.errorMessage()).isEqualTo("Invalid info hash list");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void scrapeOfMoreThanTheLimitIsTruncatedToTheFirstHashes(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient client = UdpTestClient.open(family.of(tracker))) {
      final List<byte[]> hashes = new ArrayList<>();
      for (int i = 1; i <= MAX_SCRAPE_TORRENTS + 3; i++) {
        hashes.add(infoHash(100 + i));
        client.announce(AnnounceRequest.of(infoHash(100 + i), peerId(i), 6000 + i, AnnounceEvent.STARTED, i % 2));
      }
      final List<ScrapeStats> stats = client.scrape(hashes.toArray(byte[][]::new));
      assertThat(stats).hasSize(MAX_SCRAPE_TORRENTS);
      for (int i = 1; i <= MAX_SCRAPE_TORRENTS; i++) {
        // odd i announced left=1 (leecher), even i left=0 (seeder): request order is kept
        final ScrapeStats expected = i % 2 == 0 ? new ScrapeStats(1, 0, 0) : new ScrapeStats(0, 0, 1);
        assertThat(stats.get(i - 1)).as("entry %d", i).isEqualTo(expected);
      }
    }
  }

  /**
   * A datagram longer than the receive buffer (DatagramBatching.DEFAULT_MAX_PAYLOAD, 2048 bytes)
   * arrives cut at 2048 bytes on every transport, mid-hash; it must still be truncated to
   * max_scrape_torrents rather than refused as an invalid list.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void scrapeLargerThanTheReceiveBufferIsStillTruncatedToTheLimit(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    family.assumeAvailable();
    try (UdpTracker tracker = start(transport);
        UdpTestClient client = UdpTestClient.open(family.of(tracker))) {
      client.announce(AnnounceRequest.of(infoHash(1), peerId(1), 6001, AnnounceEvent.STARTED, 0));
      // 150 hashes: 3016 bytes, more than any client sends, but still a well-formed scrape
      final byte[][] hashes = new byte[150][];
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = infoHash(i + 1);
      }
      final List<ScrapeStats> stats = client.scrape(hashes);
      assertThat(stats).hasSize(MAX_SCRAPE_TORRENTS);
      assertThat(stats.getFirst()).isEqualTo(new ScrapeStats(1, 0, 0));
    }
  }
}
