package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aquaticjava.testkit.TomlConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem with a config, contradictions between keys and the files it names included, is
 * found before the tracker starts: exit status 2 (never 1, the status a supervisor restarts on)
 * with one line per problem naming the keys. Runs the real commands; none gets to start.
 */
class ConfigProblemsTest {
  @TempDir Path dir;

  private CliRun run(String command, String toml) throws IOException {
    final Path file = Files.writeString(dir.resolve(command + ".toml"), toml);
    return CliRun.of(AquaticMain.trackerCommands(), command, "-c", file.toString());
  }

  @Test
  void bothAddressFamiliesOffIsAConfigError() throws IOException {
    for (String command : new String[] {"udp", "http", "ws"}) {
      final CliRun run = run(command, "[network]\nuse_ipv4 = false\nuse_ipv6 = false\n");
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.errLines())
          .singleElement()
          .asString()
          .endsWith("network: use_ipv4 and use_ipv6 are both false: nothing to listen on");
    }
  }

  @Test
  void contradictoryLimitsNameBothKeys() throws IOException {
    final CliRun ws = run("ws", "[limits]\nmax_frame_size = 1000000\nmax_message_size = 1000\n");
    assertThat(ws.status()).isEqualTo(2);
    assertThat(ws.errLines()).singleElement().asString()
        .contains("limits: max_frame_size (1000000) must not exceed max_message_size (1000)");

    final CliRun http = run("http", "[protocol]\nmax_scrape_torrents = 200\n[cleaning]\nmax_peer_age = 60\n");
    assertThat(http.status()).isEqualTo(2);
    assertThat(http.errLines()).hasSize(2);
    assertThat(http.err())
        .contains("protocol.peer_announce_interval (900) must not exceed cleaning.max_peer_age (60)")
        .contains("protocol.max_scrape_torrents = 200", "limits.max_request_line_length (8192)");

    final CliRun udp = run("udp", "[cleaning]\nmax_peer_age = 60\n");
    assertThat(udp.status()).isEqualTo(2);
    assertThat(udp.errLines()).singleElement().asString().contains("cleaning.max_peer_age (60)");
  }

  @Test
  void rateLimitKeysAreLoadedStrictlyAndNamedInEachTracker() throws IOException {
    final String toml =
        """
        [rate_limit]
        ipv6_prefix_length = 8
        notice_interval = 0
        [rate_limit.http_requests]
        burst = 0
        [rate_limit.ws_messages]
        rat = 5
        [rate_limit.ws_connections]
        rate = -1
        """;
    for (String command : new String[] {"udp", "http", "ws"}) {
      final CliRun run = run(command, toml);
      assertThat(run.status()).as(command).isEqualTo(2);
      assertThat(run.errLines()).as(command).hasSize(5);
      assertThat(run.err())
          .as(command)
          .contains(
              "rate_limit.ipv6_prefix_length",
              "rate_limit.notice_interval",
              "rate_limit.http_requests.burst",
              "rate_limit.ws_messages.rat",
              "rate_limit.ws_connections.rate");
    }
  }

  @Test
  void overloadKeysAreLoadedStrictlyOnceAtTheTopLevel() throws IOException {
    final String toml =
        """
        [overload]
        lag_threshold_ms = 0
        full_reads_percent = 101
        calm_window = 5
        """;
    for (String command : new String[] {"udp", "http", "ws", "all"}) {
      final CliRun run = run(command, toml);
      assertThat(run.status()).as(command).isEqualTo(2);
      assertThat(run.errLines()).as(command).hasSize(3);
      assertThat(run.err())
          .as(command)
          .contains(
              "overload.lag_threshold_ms", "overload.full_reads_percent", "overload.calm_window");
    }
    // aquatic all has one [overload] table for the three protocols, none of their own.
    final CliRun nested = run("all", "[udp.overload]\nenabled = false\n");
    assertThat(nested.status()).isEqualTo(2);
    assertThat(nested.err()).contains("udp.overload");
  }

  @Test
  void missingAndBadFilesAreConfigErrorsOneLineEach() throws IOException {
    final Path badList = Files.writeString(dir.resolve("list.txt"), "not a hash\n");
    final CliRun run =
        run(
            "http",
            TomlConfigs.tlsPem(dir.resolve("none.pem"), dir)
                + """
                [access_list]
                mode = "deny"
                path = "%s"
                """
                    .formatted(badList));
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            dir.resolve("http.toml") + ": network.tls.tls_certificate_path: " + dir.resolve("none.pem") + ": no such file",
            dir.resolve("http.toml") + ": network.tls.tls_private_key_path: " + dir + ": not a regular file",
            dir.resolve("http.toml") + ": access_list.path: " + badList
                + ":1: expected a 40-character hex info hash, found \"not a hash\"");
  }

  @Test
  void unusableCertificateContentNamesItsKey() throws IOException {
    final Path notPem = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
    final Path emptyKey = Files.writeString(dir.resolve("key.pem"), "");
    final CliRun run =
        run("http", TomlConfigs.tlsPem(notPem, emptyKey));
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            dir.resolve("http.toml") + ": network.tls.tls_certificate_path: " + notPem
                + ": no -----BEGIN CERTIFICATE----- block");
  }
}
