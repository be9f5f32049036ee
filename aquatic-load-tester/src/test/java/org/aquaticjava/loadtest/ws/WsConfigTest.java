package org.aquaticjava.loadtest.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.ConfigPrinter;
import org.aquaticjava.loadtest.LoadTestMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WsConfigTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run execute(String... args) {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int status =
        new CommandLine(new LoadTestMain())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void printedDefaultsLoadBackUnchanged() throws Exception {
    final Run printed = execute("ws", "-p");
    assertThat(printed.status()).isZero();
    assertThat(printed.out())
        .isEqualTo(ConfigPrinter.print(WsLoadTestConfig.DEFAULTS))
        .contains("offers_per_announce = 10")
        .contains("trusts ANY")
        .contains("[workload]");
    final Path file = dir.resolve("ws.toml");
    Files.writeString(file, printed.out());
    final Run loaded = execute("ws", "-c", file.toString(), "--info-hashes");
    assertThat(loaded.status()).isZero();
    assertThat(loaded.out().lines()).hasSize(WsLoadTestConfig.DEFAULTS.workload().numberOfTorrents());
    assertThat(ConfigLoader.load(file, WsLoadTestConfig.class, WsLoadTestConfig.DEFAULTS))
        .isEqualTo(WsLoadTestConfig.DEFAULTS);
  }

  @Test
  void changedValuesSurviveTheRoundTrip() throws Exception {
    final Path file = dir.resolve("ws.toml");
    Files.writeString(
        file,
        ConfigPrinter.print(WsLoadTestConfig.DEFAULTS)
            .replace("offers_per_announce = 10", "offers_per_announce = 3")
            .replace("tls = false", "tls = true"));
    final WsLoadTestConfig loaded =
        ConfigLoader.load(file, WsLoadTestConfig.class, WsLoadTestConfig.DEFAULTS);
    assertThat(loaded.requests().offersPerAnnounce()).isEqualTo(3);
    assertThat(loaded.tls()).isTrue();
  }

  @Test
  void tooManyConnectionsAreAnError() throws Exception {
    final Path file = dir.resolve("big.toml");
    Files.writeString(file, "[workload]\nnumber_of_peers = 50000\n");
    final Run run = execute("ws", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("workload.number_of_peers is the number of WebSocket connections");
  }

  @Test
  void nonLoopbackTargetIsRefusedBeforeAnyConnection() throws Exception {
    final Path file = dir.resolve("remote.toml");
    Files.writeString(file, "server_address = \"192.0.2.1:3000\"\n");
    final Run run = execute("ws", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("refusing to load-test 192.0.2.1");
    assertThat(run.out()).doesNotContain("SUMMARY");

    final WsLoadTestConfig remote =
        new WsLoadTestConfig(
            "192.0.2.1:3000",
            "/",
            false,
            1,
            0,
            WsLoadTestConfig.DEFAULTS.load(),
            WsLoadTestConfig.DEFAULTS.workload(),
            WsLoadTestConfig.DEFAULTS.requests(),
            WsLoadTestConfig.DEFAULTS.network(),
            WsLoadTestConfig.DEFAULTS.sources());
    assertThatThrownBy(() -> WsLoadTest.run(remote, new PrintWriter(new StringWriter())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only loopback targets");
  }

  @Test
  void theFormerWarmupKeyStillLoads() throws Exception {
    final String current = ConfigPrinter.print(WsLoadTestConfig.DEFAULTS);
    assertThat(current).contains("warmup_duration = 5").doesNotContain("warmup_seconds");
    assertThat(
            ConfigLoader.parse(
                current.replace("warmup_duration = 5", "warmup_seconds = 2"),
                WsLoadTestConfig.class,
                WsLoadTestConfig.DEFAULTS))
        .isEqualTo(
            ConfigLoader.parse(
                current.replace("warmup_duration = 5", "warmup_duration = 2"),
                WsLoadTestConfig.class,
                WsLoadTestConfig.DEFAULTS));
  }
}
