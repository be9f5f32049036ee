package org.aquaticjava.udp;

import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.TomlConfigs;
import org.aquaticjava.testkit.WorkerDeaths;

/**
 * Test configs and trackers. Configs are TOML text loaded by the real loader ({@link
 * TomlConfigs}); the permutations tests run under are the testkit's {@code TransportMatrix} and
 * {@code LoopbackFamily}.
 *
 * <p>Trackers started here never exit the JVM when a worker dies: the failure is recorded and
 * the testkit's hygiene extension fails the test that was running.
 */
final class TestTrackers {
  private TestTrackers() {}

  /**
   * Both families on 127.0.0.1:0 and [::1]:0, two socket workers, a 1 MiB receive buffer, the
   * defaults otherwise; then {@code toml} loaded over that, e.g. {@code
   * "[protocol]\nmax_response_peers = 5"}.
   */
  static UdpConfig config(IoTransportChoice transport, String toml) {
    final UdpConfig loopback =
        TomlConfigs.over(
            UdpConfig.DEFAULTS,
            TomlConfigs.loopback(transport, 2) + "socket_recv_buffer_size = 1048576\n");
    return TomlConfigs.over(loopback, toml);
  }

  /** {@link #config(IoTransportChoice, String)} with nothing over the loopback keys. */
  static UdpConfig config(IoTransportChoice transport) {
    return config(transport, "");
  }

  static UdpTracker start(UdpConfig config) throws Exception {
    return UdpTracker.start(config, WorkerDeaths::record);
  }
}
