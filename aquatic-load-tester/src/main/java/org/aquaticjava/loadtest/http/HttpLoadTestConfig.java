package org.aquaticjava.loadtest.http;

import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.Range;
import org.aquaticjava.core.config.SocketAddressKey;
import org.aquaticjava.loadtest.LoadConfig;
import org.aquaticjava.loadtest.SourcesConfig;
import org.aquaticjava.loadtest.WorkloadConfig;

/**
 * Configuration of {@code aquatic-load-test http}. Record components map to TOML keys in
 * snake_case; nested records are TOML tables. Every key has a default.
 */
public record HttpLoadTestConfig(
    @Doc(
            "Tracker to load, host:port or [ipv6]:port. It must resolve to a loopback address"
                + " (127.0.0.0/8 or ::1); anything else is refused.")
        @SocketAddressKey
        String serverAddress,
    @Doc("Worker threads (Netty event loops); each owns its connections and a share of the peers.")
        @Range(min = 1, max = 256)
        int workers,
    LoadConfig load,
    WorkloadConfig workload,
    Requests requests,
    Network network,
    SourcesConfig sources) {

  public static final HttpLoadTestConfig DEFAULTS =
      new HttpLoadTestConfig(
          "127.0.0.1:3000",
          1,
          LoadConfig.DEFAULTS,
          WorkloadConfig.DEFAULTS,
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
              "numwant of every announce; a response with more peers counts as malformed. -1"
                  + " leaves the parameter out (then any peer count is accepted).")
          @Range(min = -1, max = 1000)
          int announcePeersWanted,
      @Doc("A scrape asks for 1 to this many info hashes, drawn by popularity.")
          @Range(min = 1, max = 100)
          int scrapeMaxTorrents,
      @Doc("Path of announce requests.") String announcePath,
      @Doc("Path of scrape requests.") String scrapePath) {

    public static final Requests DEFAULTS = new Requests(80, 20, 50, 10, "/announce", "/scrape");
  }

  /** The {@code [network]} section. */
  @Doc("Connections.")
  public record Network(
      @Doc(
              "TCP connections over all workers, each with at most one request in flight (no"
                  + " pipelining). Split evenly between the workers; each gets at least one.")
          @Range(min = 1, max = 100_000)
          int connections,
      @Doc(
              "Reuse a connection for the next request (HTTP/1.1 keep-alive). false opens a new"
                  + " connection per request, sends Connection: close and measures latency from"
                  + " before the connect. A tracker that closes the connection after a reply gets"
                  + " a new one either way.")
          boolean keepAlive,
      @Doc("Milliseconds a TCP connect may take before it fails (the request counts as lost).")
          @Range(min = 10, max = 60_000)
          int connectTimeoutMs,
      @Doc(
              "Connect with TLS (https://). The load tester then trusts ANY certificate (no"
                  + " verification): acceptable only because the target is loopback and the point"
                  + " is to load the tracker's TLS, not to authenticate it. With keep_alive = false"
                  + " every request pays a TLS handshake, and its latency includes it.")
          boolean tls,
      @Doc(
              "With tls: offer every new connection the TLS session of an earlier one (a TLS 1.3"
                  + " ticket, or a TLS 1.2 ticket or session id), as a client that reconnects does,"
                  + " so a tracker that supports resumption skips the full handshake. The sessions"
                  + " are shared by all connections of the run. false: every connection is a full"
                  + " handshake, as from a new client.")
          boolean tlsResumeSessions,
      @Doc("With tls: the TLS version to offer, TLSv1.2 or TLSv1.3; \"\" offers both.")
          String tlsProtocol) {

    public static final Network DEFAULTS = new Network(64, true, 2000, false, false, "");

    /** The connection mode for the start-up line. */
    String describe() {
      final String reuse = keepAlive ? "keep-alive" : "one per request";
      if (!tls) {
        return reuse;
      }
      final String version = tlsProtocol.isEmpty() ? "TLS" : tlsProtocol;
      return reuse + ", " + version + (tlsResumeSessions ? " resuming sessions" : " full handshakes");
    }
  }

  /** Checks the constraints {@link Range} cannot express; returns one message per problem. */
  public List<String> problems() {
    final List<String> problems = new ArrayList<>(workload.problems());
    problems.addAll(sources.problems());
    if ((long) requests.weightAnnounce() + requests.weightScrape() == 0) {
      problems.add("requests.weight_announce and weight_scrape are both 0: nothing to send");
    }
    if (requests.announcePeersWanted() == 0) {
      problems.add("requests.announce_peers_wanted must be -1 or at least 1");
    }
    checkPath(problems, "requests.announce_path", requests.announcePath());
    checkPath(problems, "requests.scrape_path", requests.scrapePath());
    if (workload.numberOfPeers() < workers) {
      problems.add("workload.number_of_peers must be at least workers (" + workers + ")");
    }
    if (network.tlsResumeSessions() && !network.tls()) {
      problems.add("network.tls_resume_sessions needs network.tls = true");
    }
    if (!List.of("", "TLSv1.2", "TLSv1.3").contains(network.tlsProtocol())) {
      problems.add(
          "network.tls_protocol must be \"TLSv1.2\", \"TLSv1.3\" or \"\", not \""
              + network.tlsProtocol()
              + "\"");
    }
    if (network.connections() < workers) {
      problems.add("network.connections must be at least workers (" + workers + ")");
    }
    return problems;
  }

  private static void checkPath(List<String> problems, String key, String path) {
    final boolean printable = path.chars().allMatch(c -> c > ' ' && c < 0x7F && c != '?' && c != '#');
    if (!path.startsWith("/") || !printable) {
      problems.add(key + " must start with / and be printable ASCII without ? or #: " + path);
    }
  }
}
