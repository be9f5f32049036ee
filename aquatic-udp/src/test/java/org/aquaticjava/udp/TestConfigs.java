package org.aquaticjava.udp;

import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.MetricsConfig;

/** Tracker configs for tests: loopback only, ephemeral ports, small worker counts. */
final class TestConfigs {
  private TestConfigs() {}

  static UdpConfig loopback(IoTransportChoice transport) {
    final UdpConfig d = UdpConfig.DEFAULTS;
    return new UdpConfig(
        2,
        d.logLevel(),
        new UdpConfig.Network(
            true, true, "127.0.0.1:0", "[::1]:0", true, 1 << 20, 0, transport),
        d.protocol(),
        d.cleaning(),
        AccessListConfig.DEFAULTS,
        MetricsConfig.DEFAULTS);
  }

  static UdpConfig withCleaning(UdpConfig c, UdpConfig.Cleaning cleaning) {
    return new UdpConfig(
        c.socketWorkers(), c.logLevel(), c.network(), c.protocol(), cleaning, c.accessList(), c.metrics());
  }

  static UdpConfig withAccessList(UdpConfig c, AccessListConfig accessList) {
    return new UdpConfig(
        c.socketWorkers(), c.logLevel(), c.network(), c.protocol(), c.cleaning(), accessList, c.metrics());
  }

  static UdpConfig withProtocol(UdpConfig c, UdpConfig.Protocol protocol) {
    return new UdpConfig(
        c.socketWorkers(), c.logLevel(), c.network(), protocol, c.cleaning(), c.accessList(), c.metrics());
  }
}
