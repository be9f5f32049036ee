package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.udp.UdpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AquaticMainTest {
  private final FakeUdpTracker tracker = FakeUdpTracker.stoppedBySignal();

  private CliRun run(String... args) {
    return CliRun.of(List.of(tracker.command()), args);
  }

  @Test
  void printsTheDefaultConfigAndStartsNothing() {
    CliRun run = run("udp", "-p");

    assertThat(run.status()).isZero();
    Golden.assertMatches("config/udp-default.toml", run.out());
    assertThat(run.err()).isEmpty();
    assertThat(tracker.startedWith).isEmpty();
  }

  @Test
  void listsEveryProblemOfABadConfigFileOnePerLineAndExitsTwo(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("bad.toml");
    Files.writeString(
        file,
        """
        log_level = "loud"
        [network]
        adress_ipv4 = "0.0.0.0:3000"
        address_ipv6 = "::1:3000"
        [protocol]
        max_response_peers = "x"
        """);

    CliRun run = run("udp", "-c", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .hasSize(4)
        .allSatisfy(line -> assertThat(line).startsWith(file + ": "))
        .anySatisfy(line -> assertThat(line).endsWith("log_level: expected one of off, error,"
            + " warn, info, debug, trace; found string \"loud\""))
        .anySatisfy(line -> assertThat(line).endsWith(
            "network.adress_ipv4: unknown key; did you mean address_ipv4?"))
        .anySatisfy(line -> assertThat(line).contains("network.address_ipv6: \"::1:3000\""))
        .anySatisfy(line -> assertThat(line).endsWith(
            "protocol.max_response_peers: expected an integer, found string \"x\""));
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
    assertThat(tracker.startedWith).isEmpty();
  }

  @Test
  void missingConfigFileIsABadConfig(@TempDir Path dir) {
    Path file = dir.resolve("absent.toml");

    CliRun run = run("udp", "-c", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly(file + ": cannot read the file: it does not exist");
  }

  @Test
  void syntaxErrorIsReportedWithItsLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.toml");
    Files.writeString(file, "socket_workers = 1\n[network\n");

    CliRun run = run("udp", "-c", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith(file + ": line 2: ");
  }

  @Test
  void startsWithTheLoadedConfigPrintsItWithCapitalPAndExitsZeroOnStopSignal(@TempDir Path dir)
      throws IOException, ConfigException {
    Path file = dir.resolve("udp.toml");
    Files.writeString(file, "log_level = \"warn\"\n[network]\naddress_ipv4 = \"127.0.0.1:0\"\n");
    UdpConfig expected = ConfigLoader.load(file, UdpConfig.class, UdpConfig.DEFAULTS);

    CliRun run = run("udp", "-c", file.toString(), "-P");

    assertThat(run.status()).isZero();
    assertThat(tracker.startedWith).containsExactly(expected);
    assertThat(expected.network().listen().addressIpv4()).isEqualTo("127.0.0.1:0");
    assertThat(run.out())
        .startsWith("# Effective configuration")
        .contains("log_level = \"warn\"", "address_ipv4 = \"127.0.0.1:0\"");
    assertThat(tracker.closeCalls).isPositive();
    assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("warn");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void runsWithDefaultsWithoutAConfigFile() {
    CliRun run = run("udp");

    assertThat(run.status()).isZero();
    assertThat(tracker.startedWith).containsExactly(UdpConfig.DEFAULTS);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void trackerThatStopsByItselfExitsOne() {
    FakeUdpTracker failing = FakeUdpTracker.stoppingByItself();

    CliRun run = CliRun.of(List.of(failing.command()), "udp");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.errLines()).containsExactly("aquatic udp: the tracker stopped by itself; see the log for why");
    assertThat(failing.closeCalls).isPositive();
  }

  @Test
  void startFailureIsOneLineAndExitsOne() {
    UdpCommand command =
        new UdpCommand(
            config -> {
              throw new IllegalStateException(
                  "cannot bind 0.0.0.0:3000", new BindException("Address already in use"));
            },
            stop -> {
              throw new AssertionError("no stop handling for a tracker that never started");
            });

    CliRun run = CliRun.of(List.of(command), "udp");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly(
            "aquatic udp: cannot start: IllegalStateException: cannot bind 0.0.0.0:3000"
                + " (cause: BindException: Address already in use)");
  }

  @Test
  void unknownOptionPrintsTheUsageAndFails() {
    CliRun run = run("udp", "--bogus");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--bogus'", "Usage: aquatic udp");
    assertThat(run.out()).isEmpty();
    assertThat(tracker.startedWith).isEmpty();
  }

  @Test
  void unknownCommandPrintsTheUsageAndFails() {
    CliRun run = run("all");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("'all'", "Usage: aquatic", "udp");
  }

  @Test
  void theRealCommandListHasEveryTracker() {
    assertThat(AquaticMain.trackerCommands())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("AllCommand", "UdpCommand", "HttpCommand", "WsCommand");
  }

  @Test
  void noCommandPrintsTheUsageAndFails() {
    CliRun run = run();

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command: choose one of udp", "Usage: aquatic");
  }

  @Test
  void helpListsTheCommandsOnStdout() {
    CliRun run = run("-h");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("Usage: aquatic", "Commands:", "udp");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void commandHelpListsItsOptions() {
    CliRun run = run("udp", "-h");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("--config-file=FILE", "--print-config", "--print-parsed-config", "--version");
  }

  @Test
  void versionNamesTheProjectVersion() {
    for (String[] args : List.of(new String[] {"-v"}, new String[] {"udp", "-v"})) {
      CliRun run = run(args);

      assertThat(run.status()).isZero();
      assertThat(run.out()).matches("(?s)aquatic-java \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava .*");
    }
  }
}
