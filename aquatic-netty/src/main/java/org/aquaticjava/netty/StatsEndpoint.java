package org.aquaticjava.netty;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.swarm.BusiestTorrents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stats page ({@code [stats]}): {@code GET /stats} as HTML for a person, {@code GET
 * /stats.json} as JSON ({@link StatsPage}); {@code /} redirects to {@code /stats}, other paths are
 * 404 and methods other than GET and HEAD 405. Served by the JDK's {@code com.sun.net.httpserver}
 * (which parses the requests) on one daemon thread named {@code stats}, like the metrics endpoint.
 *
 * <p>A request costs a few counter reads: swarm counts from {@link TrackerMetrics#swarmCounts()}
 * (the (IP, port) store's as of its latest cleaning, the WebTorrent swarms' live totals), rates
 * from {@link RequestRates}, whose own worker samples the request counters. Nothing walks the
 * torrents: {@code ?top=N} (1 to {@value BusiestTorrents#MAX}) lists the busiest torrents that
 * the latest cleaning pass of each set of swarms collected ({@link BusiestTorrents}); another
 * value is a 400. Thread-safe; {@link #close()} is idempotent.
 */
public final class StatsEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatsEndpoint.class);
  private static final Map<String, List<String>> SWARM_PROTOCOLS =
      Map.of(
          TrackerMetrics.BITTORRENT_SWARMS, List.of("udp", "http"),
          TrackerMetrics.WEBTORRENT_SWARMS, List.of("ws"));

  private final HttpServer server;
  private final ExecutorService executor;
  private final InetSocketAddress localAddress;
  private final TrackerMetrics metrics;
  private final RequestRates rates;
  private final List<ServedProtocol> protocols;
  private final Map<String, String> config;
  private final Instant startedAt;

  private StatsEndpoint(
      HttpServer server,
      ExecutorService executor,
      TrackerMetrics metrics,
      RequestRates rates,
      List<ServedProtocol> protocols,
      Map<String, String> config,
      Instant startedAt) {
    this.server = server;
    this.executor = executor;
    this.localAddress = server.getAddress();
    this.metrics = metrics;
    this.rates = rates;
    this.protocols = List.copyOf(protocols);
    this.config = new LinkedHashMap<>(config);
    this.startedAt = startedAt;
  }

  /**
   * Binds and starts serving.
   *
   * @param address host and port; port 0 picks an ephemeral port ({@link #localAddress()})
   * @param config the config summary to show, key to value, in display order
   * @throws IOException if binding fails
   */
  static StatsEndpoint start(
      InetSocketAddress address,
      TrackerMetrics metrics,
      RequestRates rates,
      List<ServedProtocol> protocols,
      Map<String, String> config,
      Instant startedAt)
      throws IOException {
    final ExecutorService executor =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stats").daemon().factory());
    try {
      final HttpServer server = HttpServer.create(address, 0);
      server.setExecutor(executor);
      final StatsEndpoint endpoint =
          new StatsEndpoint(server, executor, metrics, rates, protocols, config, startedAt);
      server.createContext("/", endpoint::handle);
      DaemonStart.call(
          "stats-start",
          () -> {
            server.start();
            return server;
          });
      return endpoint;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new IOException("cannot serve the stats page on " + address + ": " + e.getMessage(), e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      final String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      final String path = exchange.getRequestURI().getPath();
      if (path.equals("/stats") || path.equals("/stats.json")) {
        final int top;
        try {
          top = top(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
          send(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
          return;
        }
        final StatsSnapshot snapshot = snapshot(top);
        if (path.equals("/stats")) {
          send(exchange, 200, "text/html; charset=utf-8", StatsPage.html(snapshot));
        } else {
          send(exchange, 200, "application/json", StatsPage.json(snapshot));
        }
        return;
      }
      switch (path) {
        case "/" -> {
          exchange.getResponseHeaders().set("Location", "/stats");
          send(exchange, 302, "text/plain; charset=utf-8", "see /stats\n");
        }
        default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: try /stats\n");
      }
    } catch (RuntimeException e) {
      log.error("stats page failed", e);
      throw e;
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * The {@code N} of {@code ?top=N}, 0 without it.
   *
   * @throws IllegalArgumentException if it is not a whole number from 1 to {@link
   *     BusiestTorrents#MAX}
   */
  static int top(@Nullable String rawQuery) {
    if (rawQuery == null) {
      return 0;
    }
    int top = 0;
    for (String parameter : rawQuery.split("&")) {
      if (parameter.startsWith("top=")) {
        final String value = parameter.substring("top=".length());
        try {
          top = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          top = -1;
        }
        if (top < 1 || top > BusiestTorrents.MAX) {
          throw new IllegalArgumentException(
              "top must be a whole number from 1 to " + BusiestTorrents.MAX);
        }
      }
    }
    return top;
  }

  /**
   * The numbers of one page, read now.
   *
   * @param top how many of the busiest torrents to list; 0 for none
   */
  StatsSnapshot snapshot(int top) {
    final Map<String, StatsSnapshot.SwarmSet> swarms = new LinkedHashMap<>();
    metrics
        .swarmCounts()
        .forEach(
            (name, counts) ->
                swarms.put(
                    name,
                    new StatsSnapshot.SwarmSet(
                        runningOf(SWARM_PROTOCOLS.getOrDefault(name, List.of())),
                        name.equals(TrackerMetrics.WEBTORRENT_SWARMS) ? "live" : "at_cleaning",
                        family(counts, false),
                        family(counts, true))));
    final Instant now = Instant.now();
    return new StatsSnapshot(
        ProjectVersion.get(),
        startedAt,
        Duration.between(startedAt, now).toSeconds(),
        protocols,
        swarms,
        rates.rates(),
        ProtectionCounts.read(metrics.registry()),
        config,
        top == 0 ? null : busiest(top));
  }

  /** The {@code top} torrents with the most peers over every set and family, most first. */
  private List<StatsSnapshot.Busy> busiest(int top) {
    final List<StatsSnapshot.Busy> all = new ArrayList<>();
    metrics
        .swarmCounts()
        .forEach(
            (name, counts) -> {
              counts.busiest(false).forEach(t -> all.add(new StatsSnapshot.Busy(name, "ipv4", t)));
              counts.busiest(true).forEach(t -> all.add(new StatsSnapshot.Busy(name, "ipv6", t)));
            });
    all.sort(Comparator.comparingInt((StatsSnapshot.Busy b) -> b.torrent().peers()).reversed());
    return List.copyOf(all.subList(0, Math.min(top, all.size())));
  }

  private List<String> runningOf(List<String> candidates) {
    return candidates.stream()
        .filter(p -> protocols.stream().anyMatch(s -> s.protocol().equals(p)))
        .toList();
  }

  private static StatsSnapshot.Family family(TrackerMetrics.SwarmCounts counts, boolean ipv6) {
    return new StatsSnapshot.Family(
        counts.torrents(ipv6), counts.peers(ipv6), counts.seeders(ipv6));
  }

  /** The bound address (with the actual port if 0 was requested). */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** Stops serving and releases the port and thread. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
