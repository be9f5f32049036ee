package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.cli.e2e.JsonTree;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.netty.ProjectVersion;
import org.aquaticjava.testkit.WorkerDeaths;
import org.aquaticjava.udp.UdpConfig;
import org.aquaticjava.udp.UdpTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /stats.json} and {@code /stats} of the real {@code aquatic all} over loopback ({@link
 * StatsScenario}): every field the README documents, with the values the tracker's state gives;
 * and how the endpoint answers other paths and methods.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatsPageTest {
  private static final List<String> PROTOCOLS = List.of("udp", "http", "ws");
  private static StatsScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    scenario = StatsScenario.start();
  }

  @AfterAll
  static void stop() {
    scenario.close();
  }

  @AfterEach
  void noWorkerDied() {
    assertThat(WorkerDeaths.drain()).isEmpty();
  }

  /** A fresh {@code /stats.json}, checking its status and type. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> json() throws Exception {
    final HttpResponse<String> response = scenario.request("GET", "/stats.json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return (Map<String, Object>) JsonTree.parse(response.body());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }

  private static double number(Map<String, Object> json, String key) {
    return (Double) json.get(key);
  }

  @Test
  void jsonHasEveryDocumentedFieldWithTheTrackersState() throws Exception {
    scenario.settledJson();
    final Map<String, Object> json = json();
    assertThat(json.keySet())
        .containsExactly(
            "version", "started_at", "uptime_seconds", "protocols", "swarms", "totals",
            "rate_window_seconds", "requests_per_second", "responses_per_second", "requests_total",
            "responses_total", "shedding_workers", "shed_total", "bans_total", "limit_hits_total",
            "config");
    assertThat(json.get("version")).isEqualTo(ProjectVersion.get()).isNotEqualTo("unknown");
    final Instant started = Instant.parse((String) json.get("started_at"));
    assertThat(started).isBefore(Instant.now());
    assertThat(number(json, "uptime_seconds")).isBetween(0.0, 60.0);

    @SuppressWarnings("unchecked")
    final List<Map<String, Object>> protocols = (List<Map<String, Object>>) json.get("protocols");
    assertThat(protocols).extracting(p -> p.get("protocol")).containsExactly("udp", "http", "ws");
    for (Map<String, Object> p : protocols) {
      assertThat(p.keySet()).containsExactly("protocol", "addresses", "socket_workers", "transport");
      assertThat(p.get("addresses"))
          .isEqualTo(List.of("127.0.0.1:" + port((String) p.get("protocol"))));
      assertThat(p.get("socket_workers")).isEqualTo(1.0);
      assertThat((String) p.get("transport")).isIn("io_uring", "epoll", "nio");
    }

    final Map<String, Object> swarms = map(json, "swarms");
    assertThat(swarms.keySet()).containsExactly("bittorrent", "webtorrent");
    final Map<String, Object> bittorrent = map(swarms, "bittorrent");
    assertThat(bittorrent.keySet()).containsExactly("protocols", "counted", "ipv4", "ipv6");
    assertThat(bittorrent.get("protocols")).isEqualTo(List.of("udp", "http"));
    assertThat(bittorrent.get("counted")).isEqualTo("at_cleaning");
    assertFamily(map(bittorrent, "ipv4"), 1, 2, 1, 1); // UDP seeder, HTTP leecher
    assertFamily(map(bittorrent, "ipv6"), 0, 0, 0, 0);
    final Map<String, Object> webtorrent = map(swarms, "webtorrent");
    assertThat(webtorrent.keySet()).containsExactly("protocols", "counted", "ipv4", "ipv6");
    assertThat(webtorrent.get("protocols")).isEqualTo(List.of("ws"));
    assertThat(webtorrent.get("counted")).isEqualTo("live");
    assertFamily(map(webtorrent, "ipv4"), 1, 2, 1, 1); // WebTorrent seeder and leecher
    assertFamily(map(webtorrent, "ipv6"), 0, 0, 0, 0);
    assertFamily(map(json, "totals"), 2, 4, 2, 2);

    final double window = number(json, "rate_window_seconds");
    assertThat(window).isBetween(0.5, 60.5);
    for (String kind : List.of("requests", "responses")) {
      final Map<String, Object> totals = map(json, kind + "_total");
      final Map<String, Object> rates = map(json, kind + "_per_second");
      assertThat(totals.keySet()).containsExactly("udp", "http", "ws", "total");
      assertThat(rates.keySet()).containsExactly("udp", "http", "ws", "total");
      double sum = 0;
      for (String p : PROTOCOLS) {
        final double counted = scenario.counter("aquatic_" + kind + "_total", p);
        assertThat(counted).as(kind + " of " + p).isPositive();
        assertThat(number(totals, p)).as(kind + "_total." + p).isEqualTo(counted);
        // Every request came after the first sample (taken at start): the rate over the window
        // is the whole count spread over it. Rates are rounded to two decimals.
        assertThat(number(rates, p) * window)
            .as(kind + "_per_second." + p)
            .isCloseTo(counted, within(0.01 * window));
        sum += counted;
      }
      assertThat(number(totals, "total")).isEqualTo(sum);
      assertThat(number(rates, "total") * window).isCloseTo(sum, within(0.03 * window));
    }

    // Abuse and overload, as their metrics say. Whether a worker sheds can change between two
    // reads (start-up work on a loaded machine can make it shed for a while): 0 or 1 of 1.
    final Map<String, Object> shedding = map(json, "shedding_workers");
    assertThat(shedding.keySet()).containsExactly("udp", "http", "ws", "total");
    for (String p : PROTOCOLS) {
      assertThat(number(shedding, p)).as("shedding_workers." + p).isBetween(0.0, 1.0);
    }
    for (String[] field :
        new String[][] {
          {"shed_total", "aquatic_overload_shed_total"},
          {"bans_total", "aquatic_source_bans_total"},
          {"limit_hits_total", "aquatic_source_limits_hit_total"}
        }) {
      final Map<String, Object> byProtocol = map(json, field[0]);
      assertThat(byProtocol.keySet()).containsExactly("udp", "http", "ws", "total");
      for (String p : PROTOCOLS) {
        assertThat(number(byProtocol, p))
            .as(field[0] + "." + p)
            .isEqualTo(scenario.counter(field[1], p));
      }
    }

    assertThat(map(json, "config"))
        .containsExactly(
            Map.entry("cleaning.max_peer_age", "1800 s"),
            Map.entry("cleaning.torrent_cleaning_interval", "120 s"),
            Map.entry("persistence", "off"),
            Map.entry("access_list.mode", "off"),
            Map.entry("access_list.entries", "0"),
            Map.entry("metrics.prometheus_endpoint_address", "off"));
  }

  private static int port(String protocol) {
    final AllTracker tracker = scenario.tracker();
    return switch (protocol) {
      case "udp" -> tracker.udp().orElseThrow().localAddressIpv4().orElseThrow().getPort();
      case "http" -> tracker.http().orElseThrow().localAddressIpv4().orElseThrow().getPort();
      default -> tracker.ws().orElseThrow().localAddressIpv4().orElseThrow().getPort();
    };
  }

  private static void assertFamily(
      Map<String, Object> family, int torrents, int peers, int seeders, int leechers) {
    assertThat(family)
        .containsExactly(
            Map.entry("torrents", (double) torrents),
            Map.entry("peers", (double) peers),
            Map.entry("seeders", (double) seeders),
            Map.entry("leechers", (double) leechers));
  }

  @Test
  void htmlPageShowsTheSameNumbers() throws Exception {
    final Map<String, Object> json = scenario.settledJson();
    final HttpResponse<String> page = scenario.request("GET", "/stats");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body())
        .startsWith("<!DOCTYPE html>")
        .contains("<td id=\"bittorrent-ipv4-peers\">2</td>")
        .contains("<td id=\"webtorrent-ipv4-seeders\">1</td>")
        .contains("<td id=\"totals-peers\">4</td>")
        .contains("<table id=\"protection\">", "<td id=\"bans-total-udp\">0</td>")
        .contains(
            "<td id=\"requests-total-udp\">"
                + (long) number(map(json, "requests_total"), "udp") + "</td>")
        .contains("<span id=\"version\">" + ProjectVersion.get() + "</span>");
  }

  @Test
  @SuppressWarnings("unchecked")
  void topListsTheBusiestTorrentsOfTheLatestCleanings() throws Exception {
    // The WebTorrent swarms clean every second here; their first pass after the announces
    // collects their busiest torrents.
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<Map<String, Object>> top;
    do {
      final HttpResponse<String> response = scenario.request("GET", "/stats.json?top=5");
      assertThat(response.statusCode()).isEqualTo(200);
      final Map<String, Object> json = (Map<String, Object>) JsonTree.parse(response.body());
      assertThat(json.keySet()).endsWith("config", "top");
      top = (List<Map<String, Object>>) json.get("top");
      Thread.sleep(100);
    } while (top.size() < 2 && System.nanoTime() < deadline);

    final String hash = java.util.HexFormat.of().formatHex(StatsScenario.TORRENT);
    assertThat(top)
        .containsExactlyInAnyOrder(
            busy(hash, "bittorrent"), busy(hash, "webtorrent")); // 2 peers each, 1 seeder
    assertThat(top.getFirst().keySet())
        .containsExactly("info_hash", "swarms", "family", "peers", "seeders", "leechers");
    final String page = scenario.request("GET", "/stats?top=1").body();
    assertThat(page)
        .contains("<table id=\"top\">", "<td id=\"top-1-info-hash\">" + hash + "</td>")
        .doesNotContain("top-2-info-hash");
    assertThat(json().keySet()).doesNotContain("top");
    for (String bad : List.of("0", "101", "x", "")) {
      final HttpResponse<String> refused = scenario.request("GET", "/stats.json?top=" + bad);
      assertThat(refused.statusCode()).as("top=" + bad).isEqualTo(400);
      assertThat(refused.body()).isEqualTo("top must be a whole number from 1 to 100\n");
    }
  }

  private static Map<String, Object> busy(String hash, String swarms) {
    final Map<String, Object> entry = new java.util.LinkedHashMap<>();
    entry.put("info_hash", hash);
    entry.put("swarms", swarms);
    entry.put("family", "ipv4");
    entry.put("peers", 2.0);
    entry.put("seeders", 1.0);
    entry.put("leechers", 1.0);
    return entry;
  }

  @Test
  @SuppressWarnings("unchecked")
  void aquaticUdpAloneServesItWhenEnabled() throws Exception {
    final UdpConfig config =
        ConfigLoader.parse(
            """
            socket_workers = 1
            [network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            [stats]
            enabled = true
            address = "127.0.0.1:0"
            """,
            UdpConfig.class,
            UdpConfig.DEFAULTS);
    try (UdpTracker tracker = UdpTracker.start(config, WorkerDeaths::record)) {
      final int port = tracker.runtime().statsAddress().orElseThrow().getPort();
      final HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + port + "/stats.json"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      final Map<String, Object> json = (Map<String, Object>) JsonTree.parse(response.body());
      assertThat((List<Map<String, Object>>) json.get("protocols"))
          .extracting(p -> p.get("protocol"))
          .containsExactly("udp");
      assertThat(map(json, "swarms").keySet()).containsExactly("bittorrent");
      assertThat(map(map(json, "swarms"), "bittorrent").get("protocols")).isEqualTo(List.of("udp"));
      assertThat(map(json, "requests_per_second").keySet()).containsExactly("udp", "total");
    }
    assertThat(UdpConfig.DEFAULTS.stats().enabled()).isFalse();
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(scenario.request("GET", "/nothing").statusCode()).isEqualTo(404);
    assertThat(scenario.request("GET", "/stats.json/x").statusCode()).isEqualTo(404);
    final HttpResponse<String> post = scenario.request("POST", "/stats");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    final HttpResponse<String> head = scenario.request("HEAD", "/stats.json");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    final HttpResponse<String> root = scenario.request("GET", "/");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/stats");
  }
}
