package org.aquaticjava.loadtest.ws;

import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.FormerKey;
import org.aquaticjava.core.config.Range;
import org.aquaticjava.core.config.SocketAddressKey;
import org.aquaticjava.loadtest.LoadConfig;
import org.aquaticjava.loadtest.SourcesConfig;
import org.aquaticjava.loadtest.WorkloadConfig;

/**
 * Configuration of {@code aquatic-load-test ws}. Record components map to TOML keys in snake_case;
 * nested records are TOML tables. Every key has a default. Each of the workload's peers is one
 * WebSocket connection, so {@code workload.number_of_peers} is the number of connections.
 */
public record WsLoadTestConfig(
    @Doc(
            "Tracker to load, host:port or [ipv6]:port. It must resolve to a loopback address"
                + " (127.0.0.0/8 or ::1); anything else is refused.")
        @SocketAddressKey
        String serverAddress,
    @Doc("URL path of the WebSocket handshake, e.g. / or /announce.") String websocketPath,
    @Doc(
            "Connect with wss:// (TLS) instead of ws://. The load tester then trusts ANY"
                + " certificate (no verification): acceptable only because the target is loopback"
                + " and the point is to load the tracker's TLS, not to authenticate it.")
        boolean tls,
    @Doc(
            "Worker threads (Netty event loops); each owns the connections of an equal share of"
                + " the peers.")
        @Range(min = 1, max = 256)
        int workers,
    @Doc(
            "Seconds of unmeasured traffic before the run (same workload, own connections, closed"
                + " again before the measured run starts), so both JVMs' JIT compilers are done;"
                + " a cold generator needs several seconds. 0 measures from the first connection.")
        @FormerKey("warmup_seconds")
        @Range(min = 0, max = 600)
        int warmupDuration,
    LoadConfig load,
    WorkloadConfig workload,
    Requests requests,
    Network network,
    SourcesConfig sources) {

  /** Most connections one run may open: loopback has one source address, ~28k ephemeral ports. */
  static final int MAX_CONNECTIONS = 20_000;

  public static final WsLoadTestConfig DEFAULTS =
      new WsLoadTestConfig(
          "127.0.0.1:3000",
          "/",
          false,
          1,
          5,
          LoadConfig.DEFAULTS,
          new WorkloadConfig(0x5EED_AC7A_71C0L, 10_000, 1.0, 512, 0.25, 0.0),
          Requests.DEFAULTS,
          Network.DEFAULTS,
          SourcesConfig.DEFAULTS);

  /** The {@code [requests]} section. */
  @Doc("Request mix and request contents.")
  public record Requests(
      @Doc("Relative weight of announce requests.") @Range(min = 0, max = 1_000_000)
          int weightAnnounce,
      @Doc("Relative weight of scrape requests.") @Range(min = 0, max = 1_000_000)
          int weightScrape,
      @Doc(
              "Fake SDP offers per announce (numwant is the same). The tracker relays each to a"
                  + " different peer of the swarm, which answers it. Stopped and completed"
                  + " announces carry none, like the reference client.")
          @Range(min = 0, max = 100)
          int offersPerAnnounce,
      @Doc("A scrape asks for 1 to this many info hashes, drawn by popularity.")
          @Range(min = 1, max = 256)
          int scrapeMaxTorrents) {

    public static final Requests DEFAULTS = new Requests(90, 10, 10, 10);
  }

  /** The {@code [network]} section. */
  @Doc("Connections and message limits.")
  public record Network(
      @Doc(
              "New WebSocket connections per second over all workers, first until every peer has"
                  + " one, then for reconnects: a peer whose connection the tracker closed or"
                  + " refused (e.g. a limited source), or that reached requests_per_connection,"
                  + " connects again, at this rate at most. The run's clock starts with the first.")
          @Range(min = 1, max = 1_000_000)
          int connectionsPerSecond,
      @Doc(
              "Open loop only: announces and scrapes a connection may have in flight at once; a"
                  + " request due while every connection is full waits (and its latency grows)."
                  + " Closed loop always has one in flight per connection.")
          @Range(min = 1, max = 1024)
          int maxInFlightPerConnection,
      @Doc("Largest message accepted from the tracker, in bytes.")
          @Range(min = 1024, max = 16 * 1024 * 1024)
          int maxMessageSize,
      @Doc("Milliseconds a WebSocket handshake may take before the connection counts as failed.")
          @Range(min = 100, max = 60_000)
          int handshakeTimeoutMs,
      @Doc(
              "Announces and scrapes per connection: after this many are settled the peer closes"
                  + " its connection and connects again (from the next source address with"
                  + " [sources]), so 1 with a high connections_per_second is a connection flood. 0"
                  + " keeps each connection for the whole run.")
          @Range(min = 0, max = 1_000_000_000)
          int requestsPerConnection) {

    public static final Network DEFAULTS = new Network(1000, 16, 65_536, 10_000, 0);
  }

  /** Checks the constraints {@link Range} cannot express; returns one message per problem. */
  public List<String> problems() {
    final List<String> problems = new ArrayList<>(workload.problems());
    problems.addAll(sources.problems());
    if ((long) requests.weightAnnounce() + requests.weightScrape() == 0) {
      problems.add("requests.weight_announce and weight_scrape are both 0: nothing to send");
    }
    if (workload.numberOfPeers() > MAX_CONNECTIONS) {
      problems.add(
          "workload.number_of_peers is the number of WebSocket connections; at most "
              + MAX_CONNECTIONS
              + " (loopback ephemeral ports)");
    }
    if (workload.numberOfPeers() < workers) {
      problems.add("workload.number_of_peers must be at least workers");
    }
    if (!websocketPath.startsWith("/")) {
      problems.add("websocket_path must start with /");
    }
    return problems;
  }
}
