package org.aquaticjava.udp;

import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.ListenConfig;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.RateLimitConfig;
import org.aquaticjava.core.config.StatsConfig;

/**
 * Tracker configs for tests: loopback only, ephemeral ports, small worker counts. Each {@code
 * with*} returns a copy with one section replaced.
 */
final class TestConfigs {
  private TestConfigs() {}

  /** Both families on 127.0.0.1:0 and [::1]:0, two socket workers, defaults otherwise. */
  static UdpConfig loopback(IoTransportChoice transport) {
    final UdpConfig d = UdpConfig.DEFAULTS;
    return new UdpConfig(
        2,
        d.logLevel(),
        new UdpConfig.Network(
            new ListenConfig(true, true, "127.0.0.1:0", "[::1]:0", true), 1 << 20, 0, transport),
        d.protocol(),
        d.cleaning(),
        AccessListConfig.DEFAULTS,
        MetricsConfig.DEFAULTS,
        PersistenceConfig.DEFAULTS,
        ClusterConfig.DEFAULTS,
        StatsConfig.DEFAULTS,
        RateLimitConfig.DEFAULTS,
        OverloadConfig.DEFAULTS);
  }

  static UdpConfig withWorkers(UdpConfig c, int socketWorkers) {
    return new UdpConfig(
        socketWorkers,
        c.logLevel(),
        c.network(),
        c.protocol(),
        c.cleaning(),
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  static UdpConfig withNetwork(UdpConfig c, UdpConfig.Network network) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        network,
        c.protocol(),
        c.cleaning(),
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  /** Switches the address families on or off. */
  static UdpConfig withFamilies(UdpConfig c, boolean ipv4, boolean ipv6) {
    final UdpConfig.Network n = c.network();
    return withNetwork(
        c,
        new UdpConfig.Network(
            new ListenConfig(
                ipv4, ipv6, n.listen().addressIpv4(), n.listen().addressIpv6(), n.listen().setOnlyIpv6()),
            n.socketRecvBufferSize(),
            n.socketSendBufferSize(),
            n.transport()));
  }

  static UdpConfig withIpv4Address(UdpConfig c, String address) {
    final UdpConfig.Network n = c.network();
    return withNetwork(
        c,
        new UdpConfig.Network(
            new ListenConfig(
                n.listen().useIpv4(), n.listen().useIpv6(), address, n.listen().addressIpv6(),
                n.listen().setOnlyIpv6()),
            n.socketRecvBufferSize(),
            n.socketSendBufferSize(),
            n.transport()));
  }

  static UdpConfig withCleaning(UdpConfig c, UdpConfig.Cleaning cleaning) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        c.protocol(),
        cleaning,
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  static UdpConfig withAccessList(UdpConfig c, AccessListConfig accessList) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        c.protocol(),
        c.cleaning(),
        accessList,
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  static UdpConfig withProtocol(UdpConfig c, UdpConfig.Protocol protocol) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        protocol,
        c.cleaning(),
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  static UdpConfig withMetrics(UdpConfig c, MetricsConfig metrics) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        c.protocol(),
        c.cleaning(),
        c.accessList(),
        metrics,
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  static UdpConfig withPersistence(UdpConfig c, PersistenceConfig persistence) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        c.protocol(),
        c.cleaning(),
        c.accessList(),
        c.metrics(),
        persistence,
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        c.overload());
  }

  static UdpConfig withRateLimit(UdpConfig c, RateLimitConfig rateLimit) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        c.protocol(),
        c.cleaning(),
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        rateLimit,
        c.overload());
  }

  static UdpConfig withOverload(UdpConfig c, OverloadConfig overload) {
    return new UdpConfig(
        c.socketWorkers(),
        c.logLevel(),
        c.network(),
        c.protocol(),
        c.cleaning(),
        c.accessList(),
        c.metrics(),
        c.persistence(),
        c.cluster(),
        c.stats(),
        c.rateLimit(),
        overload);
  }
}
