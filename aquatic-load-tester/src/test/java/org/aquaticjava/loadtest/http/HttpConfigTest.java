package org.aquaticjava.loadtest.http;

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

class HttpConfigTest {
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
    final Run printed = execute("http", "-p");
    assertThat(printed.status()).isZero();
    assertThat(printed.out())
        .isEqualTo(ConfigPrinter.print(HttpLoadTestConfig.DEFAULTS))
        .contains("keep_alive = true")
        .contains("[workload]");
    final Path file = dir.resolve("http.toml");
    Files.writeString(file, printed.out());
    assertThat(ConfigLoader.load(file, HttpLoadTestConfig.class, HttpLoadTestConfig.DEFAULTS))
        .isEqualTo(HttpLoadTestConfig.DEFAULTS);
  }

  @Test
  void changedValuesSurviveTheRoundTrip() throws Exception {
    final Path file = dir.resolve("http.toml");
    Files.writeString(
        file,
        ConfigPrinter.print(HttpLoadTestConfig.DEFAULTS)
            .replace("keep_alive = true", "keep_alive = false")
            .replace("connections = 64", "connections = 500"));
    final HttpLoadTestConfig loaded =
        ConfigLoader.load(file, HttpLoadTestConfig.class, HttpLoadTestConfig.DEFAULTS);
    assertThat(loaded.network().keepAlive()).isFalse();
    assertThat(loaded.network().connections()).isEqualTo(500);
  }

  @Test
  void unknownKeyIsAnError() throws Exception {
    final Path file = dir.resolve("typo.toml");
    Files.writeString(file, "[network]\nkeepalive = false\n");
    final Run run = execute("http", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("network.keepalive");
  }

  @Test
  void inconsistentValuesAreErrors() throws Exception {
    final Path file = dir.resolve("bad.toml");
    Files.writeString(
        file,
        "workers = 4\n[network]\nconnections = 2\n[requests]\nweight_announce = 0\n"
            + "weight_scrape = 0\nscrape_path = \"scrape\"\n");
    final Run run = execute("http", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("nothing to send")
        .contains("network.connections must be at least workers")
        .contains("requests.scrape_path");
  }

  @Test
  void nonLoopbackTargetIsRefusedBeforeConnecting() throws Exception {
    final Path file = dir.resolve("remote.toml");
    Files.writeString(file, "server_address = \"192.0.2.1:6969\"\n");
    final Run run = execute("http", "-c", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("refusing to load-test 192.0.2.1");
    assertThat(run.out()).doesNotContain("SUMMARY").doesNotContain("http load test: target");
  }

  @Test
  void printsTheWhitelistOfTheWorkload() throws Exception {
    final Path file = dir.resolve("small.toml");
    Files.writeString(file, "[workload]\nnumber_of_torrents = 3\n");
    final Run run = execute("http", "-c", file.toString(), "--info-hashes");
    assertThat(run.status()).isZero();
    assertThat(run.out().lines()).hasSize(3).allMatch(line -> line.matches("[0-9a-f]{40}"));
  }

  @Test
  void sourcesAreLoadedAndCheckedNamingTheKey() throws Exception {
    assertThat(execute("http", "-p").out())
        .contains("[sources]")
        .contains("address_block = \"\"")
        .contains("addresses = 0");
    final Path good = dir.resolve("sources.toml");
    Files.writeString(good, "[sources]\naddress_block = \"127.1.0.0/16\"\naddresses = 1000\n");
    final HttpLoadTestConfig loaded =
        ConfigLoader.load(good, HttpLoadTestConfig.class, HttpLoadTestConfig.DEFAULTS);
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.sources().range().size()).isEqualTo(1000);

    final Path outside = dir.resolve("outside.toml");
    Files.writeString(outside, "[sources]\naddress_block = \"10.0.0.0/8\"\n");
    final Run refused = execute("http", "-c", outside.toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).contains("sources.address_block must lie inside 127.0.0.0/8");

    final Path small = dir.resolve("small.toml");
    Files.writeString(small, "[sources]\naddress_block = \"127.1.0.0/30\"\naddresses = 8\n");
    assertThat(execute("http", "-c", small.toString()).err()).contains("sources.address_block \"127.1.0.0/30\" holds 4 usable addresses");

    final Path orphan = dir.resolve("orphan.toml");
    Files.writeString(orphan, "[sources]\naddresses = 8\n");
    assertThat(execute("http", "-c", orphan.toString()).err())
        .contains("sources.addresses needs sources.address_block");
  }
}
