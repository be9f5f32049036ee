package org.aquaticjava.loadtest.udp;

import static org.assertj.core.api.Assertions.assertThat;

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

class UdpConfigTest {
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
    final Run printed = execute("udp", "-p");
    assertThat(printed.status()).isZero();
    assertThat(printed.out())
        .isEqualTo(ConfigPrinter.print(UdpLoadTestConfig.DEFAULTS))
        .contains("# Length of the run in seconds")
        .contains("[workload]");
    final Path file = dir.resolve("udp.toml");
    Files.writeString(file, printed.out());
    assertThat(ConfigLoader.load(file, UdpLoadTestConfig.class, UdpLoadTestConfig.DEFAULTS))
        .isEqualTo(UdpLoadTestConfig.DEFAULTS);
  }

  @Test
  void changedValuesSurviveTheRoundTrip() throws Exception {
    final Path file = dir.resolve("udp.toml");
    Files.writeString(
        file,
        ConfigPrinter.print(UdpLoadTestConfig.DEFAULTS)
            .replace("duration = 10", "duration = 3")
            .replace("torrent_popularity_exponent = 1.0", "torrent_popularity_exponent = 1.3"));
    final UdpLoadTestConfig loaded =
        ConfigLoader.load(file, UdpLoadTestConfig.class, UdpLoadTestConfig.DEFAULTS);
    assertThat(loaded.load().duration()).isEqualTo(3);
    assertThat(loaded.workload().torrentPopularityExponent()).isEqualTo(1.3);
  }

  @Test
  void unknownKeyIsAnError() throws Exception {
    final Path file = dir.resolve("typo.toml");
    Files.writeString(file, "[load]\nduraton = 5\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("load.duraton");
  }

  @Test
  void zeroDurationIsAnError() throws Exception {
    final Path file = dir.resolve("forever.toml");
    Files.writeString(file, "[load]\nduration = 0\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("load.duration");
  }

  @Test
  void allZeroWeightsAreAnError() throws Exception {
    final Path file = dir.resolve("idle.toml");
    Files.writeString(file, "[requests]\nweight_announce = 0\nweight_scrape = 0\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("nothing to send");
  }

  @Test
  void nonLoopbackTargetIsRefusedBeforeSendingAnything() throws Exception {
    final Path file = dir.resolve("remote.toml");
    Files.writeString(file, "server_address = \"192.0.2.1:6969\"\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("refusing to load-test 192.0.2.1").doesNotContain("SUMMARY");
    assertThat(run.out()).doesNotContain("SUMMARY");
  }

  @Test
  void printsTheWhitelistOfTheWorkload() throws Exception {
    final Path file = dir.resolve("small.toml");
    Files.writeString(file, "[workload]\nnumber_of_torrents = 3\n");
    final Run run = execute("udp", "-c", file.toString(), "--info-hashes");
    assertThat(run.status()).isZero();
    assertThat(run.out().lines()).hasSize(3).allMatch(line -> line.matches("[0-9a-f]{40}"));
  }

  @Test
  void sourceAddressesAndModeLoad() throws Exception {
    final Path file = dir.resolve("sources.toml");
    Files.writeString(
        file,
        "mode = \"connect_flood\"\n[sources]\naddress_block = \"127.2.0.0/15\"\n"
            + "addresses = 100000\n");
    final UdpLoadTestConfig loaded =
        ConfigLoader.load(file, UdpLoadTestConfig.class, UdpLoadTestConfig.DEFAULTS);
    assertThat(loaded.mode()).isEqualTo(UdpLoadMode.CONNECT_FLOOD);
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.sources().range().size()).isEqualTo(100_000);
    assertThat(UdpLoadTestConfig.DEFAULTS.sources().range()).isNull();
  }

  @Test
  void sourceAddressesOutsideLoopbackAreAnErrorNamingTheKey() throws Exception {
    final Path file = dir.resolve("public.toml");
    Files.writeString(file, "[sources]\naddress_block = \"10.0.0.0/8\"\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("sources.address_block").contains("127.0.0.0/8");
    assertThat(run.out()).doesNotContain("SUMMARY");
  }

  @Test
  void connectFloodWithoutSourceAddressesIsAnError() throws Exception {
    final Path file = dir.resolve("flood.toml");
    Files.writeString(file, "mode = \"connect_flood\"\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("needs sources.address_block");
  }

  @Test
  void unknownModeIsAnErrorNamingTheChoices() throws Exception {
    final Path file = dir.resolve("mode.toml");
    Files.writeString(file, "mode = \"flood\"\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("mode").contains("connect_flood");
  }

  @Test
  void sourceAddressesWithAnIpv6TargetAreRefused() throws Exception {
    final Path file = dir.resolve("v6.toml");
    Files.writeString(
        file,
        "server_address = \"[::1]:3000\"\n[sources]\naddress_block = \"127.1.0.0/16\"\n");
    final Run run = execute("udp", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("sources.address_block binds to IPv4 addresses");
  }

  @Test
  void theFormerConnectionIdRenewKeyStillLoads() throws Exception {
    final String current = ConfigPrinter.print(UdpLoadTestConfig.DEFAULTS);
    assertThat(current)
        .contains("connection_id_renew_interval = 60")
        .doesNotContain("connection_id_renew_seconds");
    assertThat(
            ConfigLoader.parse(
                current.replace(
                    "connection_id_renew_interval = 60", "connection_id_renew_seconds = 30"),
                UdpLoadTestConfig.class,
                UdpLoadTestConfig.DEFAULTS)
                .network()
                .connectionIdRenewInterval())
        .isEqualTo(30);
  }
}
