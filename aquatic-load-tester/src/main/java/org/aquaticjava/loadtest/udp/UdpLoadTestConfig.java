package org.aquaticjava.loadtest.udp;

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
 * Configuration of {@code aquatic-load-test udp}. Record components map to TOML keys in
 * snake_case; nested records are TOML tables. Every key has a default.
 */
public record UdpLoadTestConfig(
    @Doc(
            "Tracker to load, host:port or [ipv6]:port. It must resolve to a loopback address"
                + " (127.0.0.0/8 or ::1); anything else is refused. An IPv6 address makes the"
                + " exchange IPv6 (18-byte peers in announce responses).")
        @SocketAddressKey
        String serverAddress,
    @Doc("Worker threads; each owns its sockets and an equal share of the peers.")
        @Range(min = 1, max = 256)
        int workers,
    @Doc(
            "population: the simulated peers connect, announce and scrape, and every reply is"
                + " checked. connect_flood: a spoofed-source connect flood: connect requests only,"
                + " each from a new socket bound to the next address of [sources]"
                + " (wrapping around) and closed right after the send, no reply read; [requests]"
                + " and [workload] are ignored, load.rate paces it (0: as fast as the box allows)"
                + " and only requests sent are counted.")
        UdpLoadMode mode,
    LoadConfig load,
    WorkloadConfig workload,
    Requests requests,
    Network network,
    SourcesConfig sources) {

  public static final UdpLoadTestConfig DEFAULTS =
      new UdpLoadTestConfig(
          "127.0.0.1:3000",
          1,
          UdpLoadMode.POPULATION,
          LoadConfig.DEFAULTS,
          WorkloadConfig.DEFAULTS,
          Requests.DEFAULTS,
          Network.DEFAULTS,
          SourcesConfig.DEFAULTS);

  /** The {@code [requests]} section. */
  @Doc("Request mix and request contents.")
  public record Requests(
      @Doc(
              "Relative weight of extra connect requests. Sockets connect and renew their"
                  + " connection id on their own regardless of this weight.")
          @Range(min = 0, max = 1_000_000)
          int weightConnect,
      @Doc("Relative weight of announce requests.") @Range(min = 0, max = 1_000_000)
          int weightAnnounce,
      @Doc("Relative weight of scrape requests.") @Range(min = 0, max = 1_000_000)
          int weightScrape,
      @Doc(
              "num_want of every announce; a response with more peers counts as malformed. -1"
                  + " asks for the tracker's default (then any peer count is accepted).")
          @Range(min = -1, max = 1000)
          int announcePeersWanted,
      @Doc("A scrape asks for 1 to this many info hashes, drawn by popularity.")
          @Range(min = 1, max = 74)
          int scrapeMaxTorrents) {

    public static final Requests DEFAULTS = new Requests(0, 80, 20, 50, 10);
  }

  /** The {@code [network]} section. */
  @Doc("Sockets, pipelining and connection ids.")
  public record Network(
      @Doc(
              "Sockets per worker, each a connected UDP socket on its own ephemeral port with its"
                  + " own connection id.")
          @Range(min = 1, max = 1024)
          int socketsPerWorker,
      @Doc(
              "Requests a socket may have in flight at once (pipelining); a socket with all slots"
                  + " in flight sends nothing until a reply comes or a request times out.")
          @Range(min = 1, max = 4096)
          int maxInFlightPerSocket,
      @Doc(
              "Kernel receive buffer per socket (SO_RCVBUF) in bytes; 0 keeps the OS default."
                  + " The kernel caps it at net.core.rmem_max.")
          @Range(min = 0, max = Integer.MAX_VALUE)
          int recvBuffer,
      @Doc(
              "Seconds after which a socket fetches a new connection id (BEP 15 lets a client use"
                  + " one for 60 s). An error reply to an announce or scrape also triggers a"
                  + " renewal.")
          @FormerKey("connection_id_renew_seconds")
          @Range(min = 1, max = 3600)
          int connectionIdRenewInterval) {

    public static final Network DEFAULTS = new Network(4, 64, 4 * 1024 * 1024, 60);
  }

  /** Checks the constraints {@link Range} cannot express; returns one message per problem. */
  public List<String> problems() {
    final List<String> problems = new ArrayList<>(workload.problems());
    if ((long) requests.weightConnect() + requests.weightAnnounce() + requests.weightScrape() == 0) {
      problems.add(
          "requests.weight_connect, weight_announce and weight_scrape are all 0: nothing to send");
    }
    problems.addAll(sources.problems());
    if (mode == UdpLoadMode.CONNECT_FLOOD && sources.addressBlock().isEmpty()) {
      problems.add("mode = \"connect_flood\" needs sources.address_block");
    }
    if (requests.announcePeersWanted() == 0) {
      problems.add("requests.announce_peers_wanted must be -1 or at least 1");
    }
    return problems;
  }
}
