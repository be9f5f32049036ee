package org.aquaticjava.http;

import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.TomlConfigs;
import org.aquaticjava.testkit.WorkerDeaths;

/**
 * Starts trackers for tests from TOML snippets (the same loader as {@code -c}); the permutations
 * they run under are the testkit's {@code TransportMatrix} and {@code LoopbackFamily}. Trackers
 * listen on 127.0.0.1:0 and [::1]:0 ({@code TomlConfigs.loopback}) with two socket workers. A
 * worker that dies is recorded, and the testkit's hygiene extension fails the running test,
 * instead of exiting the JVM.
 */
final class TestTrackers {
  private TestTrackers() {}

  /**
   * A loopback config.
   *
   * @param networkKeys extra lines for the {@code [network]} table, e.g. {@code keep_alive =
   *     false}
   * @param sections further tables, e.g. {@code [limits]\nmax_headers = 4}
   */
  static HttpConfig config(IoTransportChoice transport, String networkKeys, String sections)
      throws ConfigException {
    return config(transport, 2, networkKeys, sections);
  }

  /**
   * A loopback config with {@code socketWorkers} workers: 1 where a test needs every connection
   * on the same worker (per-source limits are per worker).
   */
  static HttpConfig config(
      IoTransportChoice transport, int socketWorkers, String networkKeys, String sections)
      throws ConfigException {
    final String toml =
        "log_level = \"warn\"\n"
            + TomlConfigs.loopback(transport, socketWorkers)
            + networkKeys
            + "\n"
            + sections
            + "\n";
    return ConfigLoader.parse(toml, HttpConfig.class, HttpConfig.DEFAULTS);
  }

  static HttpConfig config(IoTransportChoice transport) throws ConfigException {
    return config(transport, "", "");
  }

  static HttpTracker start(HttpConfig config) throws Exception {
    return HttpTracker.start(config, WorkerDeaths::record);
  }
}
