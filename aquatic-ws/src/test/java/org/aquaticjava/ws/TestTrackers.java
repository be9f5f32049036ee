package org.aquaticjava.ws;

import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.TomlConfigs;
import org.aquaticjava.testkit.WorkerDeaths;

/**
 * Test configs and trackers. Configs are TOML text loaded by the real loader ({@link
 * TomlConfigs}): loopback only, ephemeral ports, two socket workers (so relays cross event loops),
 * no per-connection message rate; a test adds the keys it varies. The permutations tests run
 * under are the testkit's {@code TransportMatrix} and {@code LoopbackFamily}. Worker deaths are
 * recorded, not fatal; the testkit's hygiene extension fails the test on any.
 */
final class TestTrackers {
  private TestTrackers() {}

  /** The test defaults with {@code toml} loaded over them, e.g. {@code "[limits]\nmax_offers = 3"}. */
  static WsConfig config(IoTransportChoice transport, String toml) {
    final WsConfig loopback =
        TomlConfigs.over(
            WsConfig.DEFAULTS,
            TomlConfigs.loopback(transport, 2)
                + """
                tcp_backlog = 128
                [limits]
                max_connections = 1000
                max_messages_per_second = 0
                """);
    return TomlConfigs.over(loopback, toml);
  }

  /** The test defaults on the transport the machine picks ({@code auto}). */
  static WsConfig config(String toml) {
    return config(IoTransportChoice.AUTO, toml);
  }

  /** A tracker with the test defaults on {@code transport}. */
  static WsTracker start(IoTransportChoice transport) throws Exception {
    return start(config(transport, ""));
  }

  static WsTracker start(WsConfig config) throws Exception {
    return WsTracker.start(config, WorkerDeaths::record);
  }
}
