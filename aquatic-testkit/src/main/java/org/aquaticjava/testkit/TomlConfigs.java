package org.aquaticjava.testkit;

import java.nio.file.Path;
import java.util.Locale;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.IoTransportChoice;

/**
 * Test configs written as TOML text and loaded by the real loader ({@link ConfigLoader#parse}, as
 * {@code -c} does), so a test states only the keys it changes, by their documented names, and a
 * key that is renamed or removed fails the test that sets it. Layers stack: a module's base config
 * is parsed over the defaults, each test's text over that base. Stateless.
 */
public final class TomlConfigs {
  private TomlConfigs() {}

  /**
   * {@code toml} loaded over {@code base}, which supplies every key the text leaves out. Test text
   * is meant to be valid: a problem becomes an {@link IllegalArgumentException} naming the key.
   */
  public static <R extends Record> R over(R base, String toml) {
    try {
      @SuppressWarnings("unchecked")
      final Class<R> type = (Class<R>) base.getClass();
      return ConfigLoader.parse(toml, type, base);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("test config does not load: " + e.getMessage() + "\n" + toml, e);
    }
  }

  /**
   * The keys every loopback test tracker shares: {@code socketWorkers} workers, both families on
   * 127.0.0.1:0 and [::1]:0 (ephemeral ports, read back from the tracker), the given transport.
   * The same keys exist in the UDP, HTTP and WebTorrent configs. The text ends inside {@code
   * [network]}, so further network keys may follow it directly.
   */
  public static String loopback(IoTransportChoice transport, int socketWorkers) {
    return """
        socket_workers = %d
        [network]
        address_ipv4 = "127.0.0.1:0"
        address_ipv6 = "[::1]:0"
        transport = "%s"
        """
        .formatted(socketWorkers, transport.name().toLowerCase(Locale.ROOT));
  }

  /**
   * A {@code [network.tls]} table turning TLS on with a PEM certificate chain and private key (the
   * same table in the HTTP and WebTorrent configs). It ends inside the table, so further TLS keys
   * may follow it directly.
   */
  public static String tlsPem(Path certificateChain, Path privateKey) {
    return """
        [network.tls]
        enable_tls = true
        tls_certificate_path = '%s'
        tls_private_key_path = '%s'
        """
        .formatted(certificateChain, privateKey);
  }

  /** A {@code [network.tls]} table turning TLS on with a PKCS#12 identity; ends inside the table. */
  public static String tlsPkcs12(Path identity, String password) {
    return """
        [network.tls]
        enable_tls = true
        tls_pkcs12_path = '%s'
        tls_pkcs12_password = "%s"
        """
        .formatted(identity, password);
  }
}
