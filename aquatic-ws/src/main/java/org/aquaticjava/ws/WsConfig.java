package org.aquaticjava.ws;

import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.ConfigChecks;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.LogLevel;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.aquaticjava.core.config.Range;
import org.aquaticjava.core.config.Inline;
import org.aquaticjava.core.config.ListenConfig;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.config.TcpConfig;
import org.aquaticjava.core.config.TlsConfig;

/**
 * Configuration of {@code aquatic ws}. Record components map to TOML keys in snake_case; nested
 * records are TOML tables. Every key has a default, so an empty file is a valid config.
 */
public record WsConfig(
    @Doc(
            "Socket worker threads (Netty event loops). Each owns the WebSocket connections it"
                + " accepted and serves their messages against the shared, sharded swarm state. 0"
                + " means one per available CPU.")
        @Range(min = 0, max = 1024)
        int socketWorkers,
    @Doc("Log level: off, error, warn, info, debug or trace.") LogLevel logLevel,
    Network network,
    Limits limits,
    Protocol protocol,
    Cleaning cleaning,
    AccessListConfig accessList,
    MetricsConfig metrics,
    PersistenceConfig persistence,
    StatsConfig stats,
    RateLimitConfig rateLimit,
    OverloadConfig overload) {

  public static final WsConfig DEFAULTS =
      new WsConfig(
          0,
          LogLevel.INFO,
          Network.DEFAULTS,
          Limits.DEFAULTS,
          Protocol.DEFAULTS,
          Cleaning.DEFAULTS,
          AccessListConfig.DEFAULTS,
          MetricsConfig.DEFAULTS,
          PersistenceConfig.DEFAULTS,
          StatsConfig.DEFAULTS,
          RateLimitConfig.DEFAULTS,
          OverloadConfig.DEFAULTS);

  public WsConfig {
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
  @Doc("Sockets, transport, WebSocket handshake and TLS (wss://).")
  public record Network(
      @Inline ListenConfig listen,
      @Inline TcpConfig tcp,
      @Doc(
              "Kernel send buffer per connection (SO_SNDBUF) in bytes; 0 keeps the OS default"
                  + " (autotuned).")
          @Range(min = 0, max = Integer.MAX_VALUE)
          int socketSendBufferSize,
      @Doc(
              "URL path WebSocket clients must use, e.g. /announce. Empty accepts any"
                  + " path, like aquatic and the reference tracker. Other HTTP requests get 404.")
          String websocketPath,
      @Doc(IoTransportChoice.DOC) IoTransportChoice transport,
      TlsConfig tls) {

    public static final Network DEFAULTS =
        new Network(
            ListenConfig.everywhere(3000),
            TcpConfig.DEFAULTS,
            0,
            "",
            IoTransportChoice.AUTO,
            TlsConfig.DEFAULTS);
  }

  /** The {@code [limits]} section. */
  @Doc("Per-connection and global limits; each hit is counted in aquatic_ws_limits_hit_total.")
  public record Limits(
      @Doc("Most open TCP connections; further ones are closed at once.")
          @Range(min = 1, max = 10_000_000)
          int maxConnections,
      @Doc(
              "Largest WebSocket frame payload in bytes; a bigger frame closes the connection with"
                  + " status 1009. Browsers send each message as one frame, so keep it equal to"
                  + " max_message_size unless clients fragment.")
          @Range(min = 128, max = 16_777_216)
          int maxFrameSize,
      @Doc(
              "Largest message (all frames of a fragmented message) in bytes; a bigger one closes"
                  + " the connection with status 1009. Each offer is a few KB of SDP.")
          @Range(min = 128, max = 16_777_216)
          int maxMessageSize,
      @Doc(
              "Messages a connection may send per second on average (token bucket); messages"
                  + " beyond it are dropped unanswered. 0 disables the limit.")
          @Range(min = 0, max = 1_000_000)
          int maxMessagesPerSecond,
      @Doc(
              "Burst allowed above max_messages_per_second. The reference client shares one"
                  + " socket between all its torrents and announces them all at once.")
          @Range(min = 1, max = 1_000_000)
          int messageBurst,
      @Doc(
              "Bytes queued for one connection above which it counts as not writable: offers,"
                  + " answers and responses for it are then dropped (and counted) until it drains"
                  + " below half of this.")
          @Range(min = 1024, max = 67_108_864)
          int writeBufferSize,
      @Doc("Messages queued for one connection (sent but not yet written); more are dropped.")
          @Range(min = 1, max = 65_536)
          int maxQueuedMessages,
      @Doc(
              "Seconds a connection may read nothing we send (not writable, or its message queue"
                  + " full and not moving) before it is closed as a reader too slow.")
          @Range(min = 1, max = 3600)
          int sendTimeout,
      @Doc("Seconds from TCP accept to a completed WebSocket handshake before closing.")
          @Range(min = 1, max = 3600)
          int handshakeTimeout,
      @Doc(
              "Info hashes one connection may announce at once (each holds a peer); announces of"
                  + " further ones get an error.")
          @Range(min = 1, max = 1_000_000)
          int maxTorrentsPerConnection,
      @Doc(
          "Longest request line (method, path, version) of the upgrade request in bytes; longer"
              + " gets status 414 and a close.")
          @Range(min = 256, max = 1_048_576)
          int maxRequestLineLength,
      @Doc(
          "Most bytes of the upgrade request's header lines together (and of any one of them);"
              + " more gets status 431 and a close. Browsers send about 500 to 1,500.")
          @Range(min = 256, max = 1_048_576)
          int maxHeaderBytes) {

    public static final Limits DEFAULTS =
        new Limits(100_000, 65_536, 65_536, 50, 500, 262_144, 256, 10, 10, 1000, 4096, 8192);

    public Limits {
      new ConfigChecks()
          .notAbove(
              "max_frame_size",
              maxFrameSize,
              "max_message_size",
              maxMessageSize,
              "an unfragmented message would be limited by max_frame_size alone")
          .throwIfAny();
    }
  }

  /** The {@code [protocol]} section. */
  @Doc("WebTorrent protocol rules.")
  public record Protocol(
      @Doc("Most info hashes answered in one scrape; further hashes are ignored.")
          @Range(min = 1, max = 10_000)
          int maxScrapeTorrents,
      @Doc(
              "Most offers relayed per announce, each to a different random peer of the swarm;"
                  + " further offers are ignored.")
          @Range(min = 1, max = 100)
          int maxOffers,
      @Doc("Seconds clients are asked to wait between announces (the announce interval).")
          @Range(min = 1, max = 86_400)
          int peerAnnounceInterval,
      @Doc(
              "What happens when a connection announces a second peer id for an info hash it"
                  + " already announced with another one: error (reply with an error and ignore the"
                  + " message) or close (reply, then close the connection, as aquatic does).")
          PeerIdChangeAction peerIdChange) {

    public static final Protocol DEFAULTS = new Protocol(255, 10, 120, PeerIdChangeAction.ERROR);
  }

  /** The {@code [cleaning]} section. */
  @Doc("Expiry of peers, offers and connections.")
  public record Cleaning(
      @Doc("Seconds between sweeps that remove expired peers, expired offers and empty torrents.")
          @Range(min = 1, max = 3600)
          int torrentCleaningInterval,
      @Doc("Seconds after its last announce that a peer is removed (its connection may live on).")
          @Range(min = 1, max = 86_400)
          int maxPeerAge,
      @Doc(
              "Seconds a relayed offer waits for its answer; a later answer is refused with an"
                  + " error. The reference client gives up on its offers after 50 s.")
          @Range(min = 1, max = 3600)
          int maxOfferAge,
      @Doc("Seconds without an announce or scrape after which a connection is closed.")
          @Range(min = 1, max = 86_400)
          int maxConnectionIdle,
      @Doc(
              "Seconds between WebSocket pings to each connection; a connection that sent nothing,"
                  + " not even a pong, for two intervals is closed as dead. 0 disables pings.")
          @Range(min = 0, max = 3600)
          int pingInterval) {

    public static final Cleaning DEFAULTS = new Cleaning(30, 180, 120, 180, 30);
  }
}
