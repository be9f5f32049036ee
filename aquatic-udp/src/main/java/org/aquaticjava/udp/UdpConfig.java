package org.aquaticjava.udp;

import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.ConfigChecks;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.LogLevel;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.aquaticjava.core.config.Range;
import org.aquaticjava.core.config.Inline;
import org.aquaticjava.core.config.ListenConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.Range;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.config.RateLimitConfig;

/**
 * Configuration of {@code aquatic udp}. Record components map to TOML keys in snake_case; nested
 * records are TOML tables. Every key has a default, so an empty file is a valid config.
 */
public record UdpConfig(
    @Doc(
            "Socket worker threads, each with its own socket per address family sharing the port"
                + " (SO_REUSEPORT). 0 means one per available CPU.")
        @Range(min = 0, max = 1024)
        int socketWorkers,
    @Doc("Log level: off, error, warn, info, debug or trace.") LogLevel logLevel,
    Network network,
    Protocol protocol,
    Cleaning cleaning,
    AccessListConfig accessList,
    MetricsConfig metrics,
    PersistenceConfig persistence,
    ClusterConfig cluster,
    StatsConfig stats,
    RateLimitConfig rateLimit,
    OverloadConfig overload) {

  public static final UdpConfig DEFAULTS =
      new UdpConfig(
          0,
          LogLevel.INFO,
          Network.DEFAULTS,
          Protocol.DEFAULTS,
          Cleaning.DEFAULTS,
          AccessListConfig.DEFAULTS,
          MetricsConfig.DEFAULTS,
          PersistenceConfig.DEFAULTS,
          ClusterConfig.DEFAULTS,
          StatsConfig.DEFAULTS,
          RateLimitConfig.DEFAULTS,
          OverloadConfig.DEFAULTS);

  public UdpConfig {
    new ConfigChecks()
        .notAbove(
            "protocol.peer_announce_interval",
            protocol.peerAnnounceInterval(),
            "cleaning.max_peer_age",
            cleaning.maxPeerAge(),
            "peers would expire between their announces")
        .throwIfAny();
  }

  /** The {@code [network]} section. */
  @Doc("Sockets and transport.")
  public record Network(
      @Inline ListenConfig listen,
      @Doc(
              "Kernel receive buffer per socket (SO_RCVBUF) in bytes; 0 keeps the OS default. The"
                  + " kernel caps it at net.core.rmem_max: raise that sysctl for high packet"
                  + " rates. A capped value is logged as a warning.")
          @Range(min = 0, max = Integer.MAX_VALUE)
          int socketRecvBufferSize,
      @Doc("Kernel send buffer per socket (SO_SNDBUF) in bytes; 0 keeps the OS default.")
          @Range(min = 0, max = Integer.MAX_VALUE)
          int socketSendBufferSize,
      @Doc(IoTransportChoice.DOC) IoTransportChoice transport) {

    public static final Network DEFAULTS =
        new Network(
            ListenConfig.everywhere(3000), 8_000_000, 0, IoTransportChoice.AUTO);
  }

  /** The {@code [protocol]} section. */
  @Doc("Protocol limits and timings.")
  public record Protocol(
      @Doc(
              "Maximum info hashes answered in one scrape; extra hashes in a request are"
                  + " ignored.")
          @Range(min = 1, max = 74)
          int maxScrapeTorrents,
      @Doc(
              "Maximum peers in one announce response; num_want <= 0 asks for this many. The"
                  + " default keeps IPv6 responses under 1232 bytes (no fragmentation).")
          @Range(min = 0, max = 200)
          int maxResponsePeers,
      @Doc("Seconds clients are asked to wait between announces.")
          @Range(min = 1, max = 86_400)
          int peerAnnounceInterval) {

    public static final Protocol DEFAULTS = new Protocol(70, 30, 900);
  }

  /** The {@code [cleaning]} section. */
  @Doc("Expiry of peers and connection ids.")
  public record Cleaning(
      @Doc("Seconds between sweeps that remove expired peers and empty torrents.")
          @Range(min = 1, max = 3600)
          int torrentCleaningInterval,
      @Doc("Seconds a connection id stays valid after it was issued (BEP 15: two minutes).")
          @Range(min = 1, max = 3600)
          int maxConnectionAge,
      @Doc(
              "Extra seconds a connection id is still accepted after max_connection_age, for"
                  + " clients that reuse ids longer than BEP 15 allows.")
          @Range(min = 0, max = 3600)
          int connectionIdGrace,
      @Doc("Seconds after its last announce that a peer is removed.")
          @Range(min = 1, max = 86_400)
          int maxPeerAge) {

    public static final Cleaning DEFAULTS = new Cleaning(120, 120, 180, 1200);
  }
}
