package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aquatic all} on the command line: the commented default config, and the config problems
 * only the whole file shows, each named by its key path (exit status 2, nothing started).
 */
class AllCommandTest {
  @TempDir Path dir;

  private CliRun run(String toml) throws IOException {
    final Path file = Files.writeString(dir.resolve("all.toml"), toml);
    return CliRun.of(AquaticMain.trackerCommands(), "all", "-c", file.toString());
  }

  @Test
  void printsTheDefaultConfig() throws Exception {
    final CliRun run = CliRun.of(AquaticMain.trackerCommands(), "all", "-p");

    assertThat(run.status()).isZero();
    Golden.assertMatches("config/all-default.toml", run.out());
    assertThat(run.err()).isEmpty();
    // What -p prints loads back to the defaults.
    assertThat(ConfigLoader.parse(run.out(), AllConfig.class, AllConfig.DEFAULTS))
        .isEqualTo(AllConfig.DEFAULTS);
  }

  @Test
  void twoTcpListenersOnOnePortAndFamilyAreAConfigError() throws IOException {
    final CliRun run =
        run(
            """
            [http.network]
            address_ipv4 = "127.0.0.1:4000"
            [ws.network]
            address_ipv4 = "127.0.0.2:4000"
            """);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .endsWith(
            "ws.network.address_ipv4: TCP port 4000 (IPv4) is also"
                + " http.network.address_ipv4's: two listeners cannot share it");
  }

  @Test
  void theStatsPageIsATcpListenerOfTheClashCheck() throws Exception {
    final CliRun run =
        run(
            """
            [metrics]
            run_prometheus_endpoint = true
            prometheus_endpoint_address = "127.0.0.1:3003"
            """);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .endsWith(
            "stats.address: TCP port 3003 (IPv4) is also"
                + " metrics.prometheus_endpoint_address's: two listeners cannot share it");
    // Off, it clashes with nothing; UDP may have the number.
    assertThat(
            ConfigLoader.parse(
                    """
                    [stats]
                    enabled = false
                    [metrics]
                    run_prometheus_endpoint = true
                    prometheus_endpoint_address = "127.0.0.1:3003"
                    [udp.network]
                    address_ipv4 = "0.0.0.0:3003"
                    """,
                    AllConfig.class,
                    AllConfig.DEFAULTS)
                .stats()
                .enabled())
        .isFalse();
  }

  @Test
  void udpAndTcpMayShareAPortAndADisabledProtocolClashesWithNothing() throws Exception {
    final AllConfig config =
        ConfigLoader.parse(
            """
            [udp.network]
            address_ipv4 = "0.0.0.0:6969"
            [http.network]
            address_ipv4 = "0.0.0.0:6969"
            [ws]
            enabled = false
            [ws.network]
            address_ipv4 = "0.0.0.0:6969"
            """,
            AllConfig.class,
            AllConfig.DEFAULTS);
    assertThat(config.httpConfig().network().listen().addressIpv4()).isEqualTo("0.0.0.0:6969");
  }

  @Test
  void unknownAndOmittedKeysAreErrorsNamingTheirPath() throws IOException {
    final CliRun run =
        run(
            """
            [udp.network]
            adress_ipv4 = "127.0.0.1:3000"
            [http.metrics]
            run_prometheus_endpoint = true
            [udp.cleaning]
            max_peer_age = 60
            """);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .hasSize(3)
        .anySatisfy(
            line ->
                assertThat(line)
                    .endsWith("udp.network.adress_ipv4: unknown key; did you mean address_ipv4?"))
        .anySatisfy(line -> assertThat(line).endsWith("http.metrics: unknown key"))
        .anySatisfy(line -> assertThat(line).contains("udp.cleaning.max_peer_age: unknown key"));
  }

  @Test
  void theSharedPeerExpiryIsCheckedAgainstEachAnnounceInterval() throws IOException {
    final CliRun run =
        run(
            """
            [cleaning]
            max_peer_age = 600
            """);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .hasSize(2)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "udp.protocol.peer_announce_interval (900) must not exceed"
                            + " cleaning.max_peer_age (600)"))
        .anySatisfy(line -> assertThat(line).contains("http.protocol.peer_announce_interval (900)"));
  }

  @Test
  void unusableCertificateContentFoundAtStartNamesItsKeyUnderTheProtocol() throws IOException {
    final Path notPem = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
    final Path emptyKey = Files.writeString(dir.resolve("key.pem"), "");
    final CliRun run =
        run(
            """
            [persistence]
            path = ""
            [udp]
            enabled = false
            [ws]
            enabled = false
            [http.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            [http.network.tls]
            enable_tls = true
            tls_certificate_path = "%s"
            tls_private_key_path = "%s"
            """
                .formatted(notPem, emptyKey));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            dir.resolve("all.toml") + ": http.network.tls.tls_certificate_path: " + notPem
                + ": no -----BEGIN CERTIFICATE----- block");
  }

  @Test
  void nothingEnabledIsAConfigError() throws IOException {
    final CliRun run =
        run("[udp]\nenabled = false\n[http]\nenabled = false\n[ws]\nenabled = false\n");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .endsWith("udp.enabled, http.enabled and ws.enabled are all false: nothing to run");
  }
}
