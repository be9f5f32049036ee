package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.http.protocol.BencodeException;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.http.RawHttpConnection;
import org.aquaticjava.testkit.http.RawHttpConnection.RawResponse;
import org.junit.jupiter.api.Test;

/**
 * The per-source HTTP request limit ({@code [rate_limit] http_requests}) on the real tracker over
 * loopback, with clients on distinct addresses of 127.0.0.0/8 (or distinct proxy-header
 * addresses): the abuser's first refusal is a 429 with BEP 31 {@code retry in}, later ones only a
 * close; every refusal is counted; other sources are served throughout; the defaults leave a busy
 * well-behaved client alone.
 */
class SourceLimitsIntegrationTest {
  private static final String SCRAPE = RawHttpConnection.get("/scrape?info_hash=aaaaaaaaaaaaaaaaaaaa");
  private static final InetAddress ABUSER = InetAddress.ofLiteral("127.0.0.2");
  private static final InetAddress NEIGHBOUR = InetAddress.ofLiteral("127.0.0.3");

  /**
   * A tracker whose sources may make 5 requests at once and 1 a second after that; one socket
   * worker, since the limits are per worker and the kernel spreads connections over the workers.
   */
  private static HttpTracker start(String moreSections) throws Exception {
    return TestTrackers.start(
        TestTrackers.config(
            IoTransportChoice.AUTO,
            1,
            "",
            """
            [rate_limit]
            notice_interval = 120
            [rate_limit.http_requests]
            rate = 1
            burst = 5
            """
                + moreSections));
  }

  private static double hits(HttpTracker tracker, String limit) {
    return MetricValues.sum(
        tracker.runtime().metrics(), "aquatic_source_limits_hit_total", "limit", limit);
  }

  private static double responses(HttpTracker tracker, String status) {
    return MetricValues.sum(
        tracker.runtime().metrics(), "aquatic_http_responses_total", "status", status);
  }

  private static RawHttpConnection connect(HttpTracker tracker, InetAddress from)
      throws IOException {
    return RawHttpConnection.connect(LoopbackFamily.IPV4.of(tracker), from, 2_000);
  }

  /**
   * Sends requests on one keep-alive connection until one is refused; returns the 200s before it
   * and checks that the refusal is the 429 notice and that the connection closes after it.
   */
  private static int servedUntilNotice(RawHttpConnection c, String request)
      throws IOException, BencodeException {
    int served = 0;
    for (int i = 0; i < 20; i++) {
      final RawResponse response = c.send(request).readResponse();
      if (response.status() == 200) {
        served++;
        continue;
      }
      assertThat(response.status()).isEqualTo(429);
      assertThat(response.connection()).isEqualTo("close");
      assertThat(response.asTrackerResponse().failureReason())
          .isEqualTo("too many requests from your address, retry later");
      // notice_interval 120 s, in minutes
      assertThat(response.asTrackerResponse().dict().integer("retry in")).isEqualTo(2);
      assertThat(c.closedByServer()).isTrue();
      return served;
    }
    throw new AssertionError("never limited after " + served + " answers");
  }

  @Test
  void anAbusiveSourceGetsOne429ThenClosesWhileItsNeighbourIsServed() throws Exception {
    try (HttpTracker tracker = start("")) {
      try (RawHttpConnection abuser = connect(tracker, ABUSER)) {
        // 5 from the burst, perhaps one more if a second ticked over meanwhile
        assertThat(servedUntilNotice(abuser, SCRAPE)).isBetween(5, 6);
      }
      // Within the notice interval a limited request gets no answer at all, only the close.
      for (int i = 0; i < 3; i++) {
        try (RawHttpConnection again = connect(tracker, ABUSER)) {
          again.send(SCRAPE);
          assertThat(again.closedWithoutAnswer()).isTrue();
        }
      }
      try (RawHttpConnection neighbour = connect(tracker, NEIGHBOUR)) {
        for (int i = 0; i < 5; i++) {
          assertThat(neighbour.send(SCRAPE).readResponse().status()).isEqualTo(200);
        }
      }
      assertThat(hits(tracker, "http_request")).isEqualTo(4); // the notice and the 3 closes
      assertThat(responses(tracker, "429")).isEqualTo(1);
      assertThat(hits(tracker, "udp_announce")).isZero();
    }
  }

  @Test
  void behindATrustedProxyTheHeaderAddressIsTheSourceAndIpv6SourcesAreSlash64s()
      throws Exception {
    try (HttpTracker tracker =
        start(
            """
            [reverse_proxy]
            enabled = true
            ip_header = "x_forwarded_for"
            trusted_proxies = ["127.0.0.0/8"]
            """)) {
      // All from the one proxy connection address 127.0.0.1.
      try (RawHttpConnection proxy = connect(tracker, InetAddress.ofLiteral("127.0.0.1"))) {
        final String abuser =
            RawHttpConnection.get(
                "/scrape?info_hash=aaaaaaaaaaaaaaaaaaaa", "X-Forwarded-For: 2001:db8:0:1::7");
        assertThat(servedUntilNotice(proxy, abuser)).isBetween(5, 6);
      }
      try (RawHttpConnection proxy = connect(tracker, InetAddress.ofLiteral("127.0.0.1"))) {
        // Another address of the abuser's /64 shares its limit: refused without an answer.
        proxy.send(
            RawHttpConnection.get(
                "/scrape?info_hash=aaaaaaaaaaaaaaaaaaaa", "X-Forwarded-For: 2001:db8:0:1::8"));
        assertThat(proxy.closedWithoutAnswer()).isTrue();
      }
      try (RawHttpConnection proxy = connect(tracker, InetAddress.ofLiteral("127.0.0.1"))) {
        for (String client : new String[] {"2001:db8:0:2::7", "192.0.2.7", "192.0.2.8"}) {
          final String request =
              RawHttpConnection.get(
                  "/scrape?info_hash=aaaaaaaaaaaaaaaaaaaa", "X-Forwarded-For: " + client);
          assertThat(proxy.send(request).readResponse().status()).as(client).isEqualTo(200);
        }
      }
      assertThat(hits(tracker, "http_request")).isEqualTo(2);
    }
  }

  /** A scrape target for the info hashes filled with {@code from} to {@code to - 1}. */
  private static String scrapeOf(int from, int to) {
    final List<byte[]> hashes = new ArrayList<>();
    for (int b = from; b < to; b++) {
      hashes.add(Hashes.filled(b));
    }
    return RawHttpConnection.get(HttpTestClient.scrapeTarget("/scrape", hashes));
  }

  @Test
  void aScraperWalkingTheTorrentSpaceIsRefusedWhileRepeatScrapesAreNot() throws Exception {
    try (HttpTracker tracker =
        start(
            """
            [rate_limit.scraped_torrents]
            max_distinct = 20
            window = 600
            """)) {
      try (RawHttpConnection scraper = connect(tracker, ABUSER)) {
        // The same 5 torrents again and again count once (4 requests + 1 within the burst of 5).
        for (int i = 0; i < 4; i++) {
          assertThat(scraper.send(scrapeOf(1, 6)).readResponse().status()).isEqualTo(200);
        }
        // 40 new ones take the source's estimate far past 20.
        final RawResponse refused = scraper.send(scrapeOf(10, 50)).readResponse();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.asTrackerResponse().failureReason())
            .isEqualTo("too many distinct torrents scraped from your address, retry later");
        assertThat(scraper.closedByServer()).isTrue();
      }
      try (RawHttpConnection neighbour = connect(tracker, NEIGHBOUR)) {
        assertThat(neighbour.send(scrapeOf(10, 15)).readResponse().status()).isEqualTo(200);
      }
      assertThat(hits(tracker, "scraped_torrents")).isEqualTo(1);
      assertThat(hits(tracker, "http_request")).isZero();
    }
  }

  @Test
  void theDefaultsLeaveABusySourceAndManyOthersAlone() throws Exception {
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO))) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      // One address announcing far faster than any client behind it would: 500 at once.
      try (RawHttpConnection busy = RawHttpConnection.connect(address, ABUSER, 2_000)) {
        for (int i = 0; i < 500; i++) {
          assertThat(busy.send(SCRAPE).readResponse().status()).isEqualTo(200);
        }
      }
      // 100 other sources, a few requests each, each on a connection of its own.
      for (int s = 0; s < 100; s++) {
        final InetAddress source = InetAddress.ofLiteral("127.0.1." + (s + 1));
        try (RawHttpConnection c = RawHttpConnection.connect(address, source, 2_000)) {
          for (int i = 0; i < 3; i++) {
            assertThat(c.send(SCRAPE).readResponse().status()).isEqualTo(200);
          }
        }
      }
      assertThat(
              MetricValues.sum(tracker.runtime().metrics(), "aquatic_source_limits_hit_total"))
          .isZero();
      assertThat(responses(tracker, "200")).isEqualTo(800);
    }
  }
}
