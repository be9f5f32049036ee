package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;

/**
 * The per-source WebSocket limits ({@code [rate_limit] ws_messages} and {@code ws_connections})
 * on the real tracker over loopback, with clients on distinct addresses of 127.0.0.0/8: a source
 * over its message limit gets an error message and close 1013 once per notice interval, then only
 * the close; one over its connection limit gets 429 at the upgrade once, then only a closed socket;
 * every refusal is counted; other sources are served throughout; the defaults leave busy
 * well-behaved clients alone. One socket worker: the limits are per worker.
 */
class SourceLimitsIntegrationTest {
  private static final InetAddress ABUSER = InetAddress.ofLiteral("127.0.0.2");
  private static final InetAddress NEIGHBOUR = InetAddress.ofLiteral("127.0.0.3");
  private static final String SCRAPE = scrape(infoHash(1));
  private static final int TRY_AGAIN_LATER = 1013;

  /**
   * A tracker with one socket worker and rate limits on, the defaults otherwise; then {@code
   * tables} ({@code [rate_limit.*]} tables) on top.
   */
  private static WsTracker start(String tables) throws Exception {
    return TestTrackers.start(
        TestTrackers.config("socket_workers = 1\n[rate_limit]\nenabled = true\n" + tables));
  }

  private static InetSocketAddress v4(WsTracker tracker) {
    return LoopbackFamily.IPV4.of(tracker);
  }

  private static double hits(WsTracker tracker, String limit) {
    return MetricValues.sum(
        tracker.runtime().metrics(), "aquatic_source_limits_hit_total", "limit", limit);
  }

  /** Sends up to {@code count} scrapes; the tracker may close the connection before the last. */
  private static void sendScrapes(WsTestClient client, int count) {
    try {
      for (int i = 0; i < count; i++) {
        client.send(SCRAPE);
      }
    } catch (Exception closedMeanwhile) {
      // the close frame arrived and the client's output is closed: the rest was not sent
    }
  }

  @Test
  void aSourceOverItsMessageLimitGetsAnErrorAndCloseWhileItsNeighbourIsServed()
      throws Exception {
    try (WsTracker tracker = start("[rate_limit.ws_messages]\nrate = 1\nburst = 5")) {
      try (WsTestClient abuser = WsTestClient.connectFrom(v4(tracker), ABUSER)) {
        sendScrapes(abuser, 10);
        int scrapes = 0;
        TrackerMessage message;
        while ((message = abuser.next()).kind() == TrackerMessageKind.SCRAPE_RESPONSE) {
          scrapes++;
        }
        // 5 from the burst, perhaps one more if a second ticked over meanwhile
        assertThat(scrapes).isBetween(5, 6);
        assertThat(message.kind()).isEqualTo(TrackerMessageKind.ERROR);
        assertThat(message.failureReason())
            .isEqualTo("Too many messages from your address, retry later");
        assertThat(abuser.awaitCloseCode(WsTestClient.WAIT)).isEqualTo(TRY_AGAIN_LATER);
      }
      // Within the notice interval: no error message, only the close.
      try (WsTestClient again = WsTestClient.connectFrom(v4(tracker), ABUSER)) {
        again.send(SCRAPE);
        assertThat(again.awaitCloseCode(WsTestClient.WAIT)).isEqualTo(TRY_AGAIN_LATER);
        assertThat(again.pollText(Duration.ZERO)).isNull();
      }
      try (WsTestClient neighbour = WsTestClient.connectFrom(v4(tracker), NEIGHBOUR)) {
        for (int i = 0; i < 5; i++) {
          neighbour.send(SCRAPE);
          neighbour.next(TrackerMessageKind.SCRAPE_RESPONSE);
        }
      }
      assertThat(hits(tracker, "ws_message")).isEqualTo(2); // the rest were never read
      assertThat(hits(tracker, "ws_connection")).isZero();
    }
  }

  @Test
  void aSourceOverItsConnectionLimitGets429OnceThenClosedSockets() throws Exception {
    try (WsTracker tracker = start("[rate_limit.ws_connections]\nrate = 1\nburst = 3")) {
      int upgraded = 0;
      String refusal = null;
      for (int i = 0; i < 10 && refusal == null; i++) {
        try (RawWsClient abuser = RawWsClient.connect(v4(tracker), ABUSER, 0)) {
          final String head = abuser.handshake("/announce");
          if (head.startsWith("HTTP/1.1 101 ")) {
            upgraded++;
          } else {
            refusal = head;
          }
        }
      }
      // 3 from the burst, perhaps one more if a second ticked over meanwhile
      assertThat(upgraded).isBetween(3, 4);
      assertThat(refusal)
          .startsWith("HTTP/1.1 429 Too Many Requests\r\n")
          .containsIgnoringCase("retry-after: 60\r\n");
      // Within the notice interval the upgrade gets no answer, only the close.
      try (RawWsClient again = RawWsClient.connect(v4(tracker), ABUSER, 0)) {
        assertThat(again.handshake("/announce")).isEmpty();
      }
      try (WsTestClient neighbour = WsTestClient.connectFrom(v4(tracker), NEIGHBOUR)) {
        neighbour.send(SCRAPE);
        neighbour.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
      assertThat(hits(tracker, "ws_connection")).isEqualTo(2);
    }
  }

  /** A scrape of the info hashes {@code from} to {@code to - 1}. */
  private static String scrapeOf(int from, int to) {
    final byte[][] hashes = new byte[to - from][];
    for (int i = from; i < to; i++) {
      hashes[i - from] = infoHash(i);
    }
    return scrape(hashes);
  }

  @Test
  void aScraperWalkingTheTorrentSpaceIsClosedWhileRepeatScrapesAreNot() throws Exception {
    try (WsTracker tracker =
        start("[rate_limit.scraped_torrents]\nmax_distinct = 20\nwindow = 600")) {
      try (WsTestClient scraper = WsTestClient.connectFrom(v4(tracker), ABUSER)) {
        for (int i = 0; i < 10; i++) { // the same 5 torrents again and again count once
          scraper.send(scrapeOf(1, 6));
          assertThat(scraper.next(TrackerMessageKind.SCRAPE_RESPONSE).scrapeEntryCount())
              .isEqualTo(5);
        }
        scraper.send(scrapeOf(10, 50)); // 40 new ones take the estimate far past 20
        assertThat(scraper.next(TrackerMessageKind.ERROR).failureReason())
            .isEqualTo("Too many distinct torrents scraped from your address, retry later");
        assertThat(scraper.awaitCloseCode(WsTestClient.WAIT)).isEqualTo(TRY_AGAIN_LATER);
      }
      try (WsTestClient neighbour = WsTestClient.connectFrom(v4(tracker), NEIGHBOUR)) {
        neighbour.send(scrapeOf(10, 15));
        assertThat(neighbour.next(TrackerMessageKind.SCRAPE_RESPONSE).scrapeEntryCount())
            .isEqualTo(5);
      }
      assertThat(hits(tracker, "scraped_torrents")).isEqualTo(1);
    }
  }

  @Test
  void theDefaultsLeaveABusySourceAndManyOthersAlone() throws Exception {
    try (WsTracker tracker = start("")) {
      try (WsTestClient busy = WsTestClient.connectFrom(v4(tracker), ABUSER)) {
        for (int i = 0; i < 300; i++) {
          busy.send(SCRAPE);
        }
        for (int i = 0; i < 300; i++) {
          busy.next(TrackerMessageKind.SCRAPE_RESPONSE);
        }
      }
      // 50 other sources, each opening 3 connections with a few messages on each.
      for (int s = 0; s < 50; s++) {
        final InetAddress source = InetAddress.ofLiteral("127.0.1." + (s + 1));
        for (int c = 0; c < 3; c++) {
          try (WsTestClient client = WsTestClient.connectFrom(v4(tracker), source)) {
            for (int i = 0; i < 2; i++) {
              client.send(SCRAPE);
              client.next(TrackerMessageKind.SCRAPE_RESPONSE);
            }
          }
        }
      }
      assertThat(MetricValues.sum(tracker.runtime().metrics(), "aquatic_source_limits_hit_total"))
          .isZero();
    }
  }
}
