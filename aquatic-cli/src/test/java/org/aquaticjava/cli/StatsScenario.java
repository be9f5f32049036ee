package org.aquaticjava.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.cli.e2e.JsonTree;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.WorkerDeaths;
import org.aquaticjava.testkit.http.HttpTestClient;

/**
 * The state the stats page tests read: {@code aquatic all} in-process on loopback (stats page on
 * an ephemeral port) with one torrent announced over every protocol: a seeder over UDP and a
 * leecher over HTTP (one (IP, port) swarm: 2 peers), a seeder and a leecher over WebTorrent, each
 * on a connection kept open until {@link #close} (2 WebRTC peers), and then a cleaning pass, so
 * the (IP, port) counts, which are those of the latest cleaning, are current.
 */
public final class StatsScenario implements AutoCloseable {
  static final byte[] TORRENT = "aquatic-stats-torren".getBytes(StandardCharsets.US_ASCII);

  private static final String CONFIG =
      """
      [stats]
      address = "127.0.0.1:0"
      [persistence]
      path = ""
      [ws.persistence]
      path = ""
      [udp]
      socket_workers = 1
      [udp.network]
      use_ipv6 = false
      address_ipv4 = "127.0.0.1:0"
      [http]
      socket_workers = 1
      [http.network]
      use_ipv6 = false
      address_ipv4 = "127.0.0.1:0"
      [http.limits]
      max_connections = 64
      [ws]
      socket_workers = 1
      [ws.network]
      use_ipv6 = false
      address_ipv4 = "127.0.0.1:0"
      [ws.limits]
      max_connections = 64
      [ws.cleaning]
      torrent_cleaning_interval = 1
      """;

  private final AllTracker tracker;
  private final WsExchange wsSeeder;
  private final WsExchange wsLeecher;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StatsScenario(AllTracker tracker, WsExchange wsSeeder, WsExchange wsLeecher) {
    this.tracker = tracker;
    this.wsSeeder = wsSeeder;
    this.wsLeecher = wsLeecher;
  }

  /** Starts the tracker and makes the announces described above. */
  public static StatsScenario start() throws Exception {
    final AllTracker tracker =
        AllTracker.start(
            ConfigLoader.parse(CONFIG, AllConfig.class, AllConfig.DEFAULTS), WorkerDeaths::record);
    WsExchange seeder = null;
    WsExchange leecher = null;
    try {
      try (UdpTestClient udp =
              UdpTestClient.open(tracker.udp().orElseThrow().localAddressIpv4().orElseThrow());
          HttpTestClient http =
              HttpTestClient.http(tracker.http().orElseThrow().localAddressIpv4().orElseThrow())) {
        udp.connect();
        udp.announce(
            TORRENT, peerId('u'), 6881, org.aquaticjava.udp.protocol.UdpAnnounceEvent.STARTED, 0);
        http.announce(HttpAnnounceRequest.of(TORRENT, peerId('h'), 6882, HttpAnnounceEvent.STARTED, 100));
      }
      final InetSocketAddress ws = tracker.ws().orElseThrow().localAddressIpv4().orElseThrow();
      seeder = WsExchange.connect(ws);
      seeder.send(wsAnnounce('s', 0));
      leecher = WsExchange.connect(ws);
      leecher.send(wsAnnounce('l', 100));
      tracker.runtime().cleaning().cleanOnce();
      return new StatsScenario(tracker, seeder, leecher);
    } catch (Exception | Error e) {
      if (seeder != null) {
        seeder.close();
      }
      if (leecher != null) {
        leecher.close();
      }
      tracker.close();
      throw e;
    }
  }

  private static String wsAnnounce(char peer, int left) {
    return "{\"action\":\"announce\",\"info_hash\":\"" + latin1(TORRENT) + "\",\"peer_id\":\""
        + latin1(peerId(peer)) + "\",\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"left\":"
        + left + ",\"event\":\"started\",\"offers\":[]}";
  }

  private static byte[] peerId(char c) {
    return ("-AJ0001-" + String.valueOf(c).repeat(12)).getBytes(StandardCharsets.US_ASCII);
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  public AllTracker tracker() {
    return tracker;
  }

  /** {@code http://127.0.0.1:<port><path>} of the stats page. */
  public URI uri(String path) {
    final InetSocketAddress stats = tracker.runtime().statsAddress().orElseThrow();
    return URI.create("http://127.0.0.1:" + stats.getPort() + path);
  }

  /** A request to the stats page with {@code method} (body-less). */
  public HttpResponse<String> request(String method, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@code /stats.json} once the rate sampler's latest sample holds every request and response
   * made so far and two samples exist (it samples once a second, so within about a second; 20 s at most), parsed.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> settledJson() throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      final HttpResponse<String> response = request("GET", "/stats.json");
      final Map<String, Object> json = (Map<String, Object>) JsonTree.parse(response.body());
      // The totals are read live, the rates from the samples: settled once the latest sample
      // holds every request, i.e. rate x window is the count for every protocol.
      final double window = (Double) json.get("rate_window_seconds");
      boolean sampled = window > 0;
      for (String kind : List.of("requests", "responses")) {
        final Map<String, Object> rates = (Map<String, Object>) json.get(kind + "_per_second");
        for (String protocol : List.of("udp", "http", "ws")) {
          final double counted = counter("aquatic_" + kind + "_total", protocol);
          sampled &= Math.abs((Double) rates.get(protocol) * window - counted) <= 0.01 * window;
        }
      }
      if (sampled || System.nanoTime() > deadline) {
        return json;
      }
      Thread.sleep(200);
    }
  }

  /** {@code aquatic_requests_total} (or another counter) of {@code protocol}, from the registry. */
  public double counter(String name, String protocol) {
    return MetricValues.sum(tracker.runtime().metrics(), name, "protocol", protocol);
  }

  /** Closes the WebTorrent connections and the tracker. */
  @Override
  public void close() {
    wsSeeder.close();
    wsLeecher.close();
    tracker.close();
  }
}
