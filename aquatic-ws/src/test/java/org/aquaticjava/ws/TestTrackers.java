package org.aquaticjava.ws;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.ListenConfig;
import org.aquaticjava.core.config.LogLevel;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.StatsConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.config.TcpConfig;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.testkit.WorkerDeaths;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Test configs and trackers: loopback only, ephemeral ports, two socket workers (so relays cross
 * event loops), short timeouts where a test needs them. Worker deaths are recorded, not fatal;
 * the testkit's hygiene extension fails the test on any.
 */
final class TestTrackers {
  private TestTrackers() {}

  /** A mutable set of the keys tests vary, with test defaults; {@link #start()} builds and starts. */
  static final class Builder {
    IoTransportChoice transport = IoTransportChoice.AUTO;
    int socketWorkers = 2;
    String addressIpv4 = "127.0.0.1:0";
    boolean useIpv6 = true;
    String websocketPath = "";
    int socketSendBufferSize = 0;
    int maxConnections = 1000;
    int maxFrameSize = 65_536;
    int maxMessageSize = 65_536;
    int maxMessagesPerSecond = 0;
    int messageBurst = 500;
    int writeBufferSize = 262_144;
    int maxQueuedMessages = 256;
    int sendTimeout = 10;
    int handshakeTimeout = 10;
    int maxTorrentsPerConnection = 1000;
    int maxRequestLineLength = WsConfig.Limits.DEFAULTS.maxRequestLineLength();
    int maxHeaderBytes = WsConfig.Limits.DEFAULTS.maxHeaderBytes();
    int maxOffers = 10;
    PeerIdChangeAction peerIdChange = PeerIdChangeAction.ERROR;
    int maxOfferAge = 120;
    int maxConnectionIdle = 180;
    int pingInterval = 30;
    AccessListConfig accessList = AccessListConfig.DEFAULTS;
    TlsConfig tls = TlsConfig.DEFAULTS;
    RateLimitConfig rateLimit = RateLimitConfig.DEFAULTS;
    OverloadConfig overload = OverloadConfig.DEFAULTS;
    PersistenceConfig persistence = PersistenceConfig.DEFAULTS;

    Builder transport(IoTransport t) {
      transport = IoTransportChoice.valueOf(t.name());
      return this;
    }

    WsConfig config() {
      return new WsConfig(
          socketWorkers,
          LogLevel.INFO,
          new WsConfig.Network(
              new ListenConfig(true, useIpv6, addressIpv4, "[::1]:0", true),
              new TcpConfig(128),
              socketSendBufferSize,
              websocketPath,
              transport,
              tls),
          new WsConfig.Limits(
              maxConnections, maxFrameSize, maxMessageSize, maxMessagesPerSecond, messageBurst,
              writeBufferSize, maxQueuedMessages, sendTimeout, handshakeTimeout, maxTorrentsPerConnection,
              maxRequestLineLength, maxHeaderBytes),
          new WsConfig.Protocol(255, maxOffers, 120, peerIdChange),
          new WsConfig.Cleaning(30, 180, maxOfferAge, maxConnectionIdle, pingInterval),
          accessList,
          MetricsConfig.DEFAULTS,
          persistence,
          StatsConfig.DEFAULTS,
          rateLimit,
          overload);
    }

    WsTracker start() throws Exception {
      return WsTracker.start(config(), WorkerDeaths::record);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Every transport; tests skip unavailable ones with the reason. */
  static Stream<IoTransport> transports() {
    return Stream.of(IoTransport.values());
  }

  /** Every transport with each loopback family. */
  static Stream<Arguments> transportsAndFamilies() {
    final List<Arguments> all = new ArrayList<>();
    for (IoTransport t : IoTransport.values()) {
      all.add(Arguments.of(t, false));
      all.add(Arguments.of(t, true));
    }
    return all.stream();
  }

  static InetSocketAddress address(WsTracker tracker, boolean ipv6) {
    return (ipv6 ? tracker.localAddressIpv6() : tracker.localAddressIpv4()).orElseThrow();
  }
}
