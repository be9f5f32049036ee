package org.aquaticjava.netty.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.TlsConfig;
import org.junit.jupiter.api.Test;

class TlsConfigTest {
  @Test
  void defaultsAreTlsOffWithTenSecondHandshakes() {
    assertThat(TlsConfig.DEFAULTS.enableTls()).isFalse();
    assertThat(TlsConfig.DEFAULTS.handshakeTimeoutMs()).isEqualTo(10_000);
    assertThat(TlsConfig.DEFAULTS.minProtocol()).isEqualTo("TLSv1.2");
  }

  @Test
  void loadsItsKeysFromToml() throws Exception {
    final TlsConfig config =
        ConfigLoader.parse(
            """
            enable_tls = true
            tls_certificate_path = "/etc/tracker/fullchain.pem"
            tls_private_key_path = "/etc/tracker/privkey.pem"
            handshake_timeout_ms = 2500
            min_protocol = "TLSv1.3"
            """,
            TlsConfig.class,
            TlsConfig.DEFAULTS);

    assertThat(config)
        .isEqualTo(
            TlsConfig.pem("/etc/tracker/fullchain.pem", "/etc/tracker/privkey.pem", 2500, "TLSv1.3"));
  }

  @Test
  void loadsTheSessionResumptionKeys() throws Exception {
    final TlsConfig config =
        ConfigLoader.parse(
            """
            enable_session_tickets = false
            session_ticket_key_rotation_interval = 600
            session_cache_size = 0
            session_timeout = 1800
            """,
            TlsConfig.class,
            TlsConfig.DEFAULTS);

    assertThat(config).isEqualTo(TlsConfig.DEFAULTS.withSessionResumption(false, 600, 0, 1800));
    assertThat(TlsConfig.DEFAULTS.enableSessionTickets()).isTrue();
    assertThat(TlsConfig.DEFAULTS.sessionTimeout())
        .isGreaterThan(TlsConfig.DEFAULTS.sessionTicketKeyRotationInterval());
  }

  @Test
  void rejectsSessionResumptionValuesOutOfRange() {
    for (String line :
        new String[] {
          "session_ticket_key_rotation_interval = 59",
          "session_ticket_key_rotation_interval = 604801",
          "session_cache_size = -1",
          "session_cache_size = 1000001",
          "session_timeout = 0"
        }) {
      final String key = line.substring(0, line.indexOf(' '));
      assertThatThrownBy(() -> ConfigLoader.parse(line, TlsConfig.class, TlsConfig.DEFAULTS))
          .as(line)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(key);
    }
  }

  @Test
  void rejectsAnUnknownProtocolAndTlsWithoutFiles() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "min_protocol = \"TLSv1.1\"", TlsConfig.class, TlsConfig.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("min_protocol must be \"TLSv1.2\" or \"TLSv1.3\", not \"TLSv1.1\"");
    assertThatThrownBy(
            () -> ConfigLoader.parse("enable_tls = true", TlsConfig.class, TlsConfig.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs tls_certificate_path and tls_private_key_path, or tls_pkcs12_path");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    """
                    enable_tls = true
                    tls_certificate_path = "/etc/tracker/fullchain.pem"
                    tls_pkcs12_path = "/etc/tracker/identity.pfx"
                    """,
                    TlsConfig.class,
                    TlsConfig.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "tls_pkcs12_path and tls_certificate_path / tls_private_key_path are both set");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse("handshake_timeout_ms = 0", TlsConfig.class, TlsConfig.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("handshake_timeout_ms");
  }
}
