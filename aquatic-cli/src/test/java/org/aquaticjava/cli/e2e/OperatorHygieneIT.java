package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tracker as an operator meets it: SIGHUP reloads the access list like SIGUSR1 (it
 * used to terminate the JVM with 129), every log line carries an ISO-8601 timestamp, and a config
 * with several problems, files included, exits 2 with one line per problem. Needs {@code kill}.
 */
class OperatorHygieneIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final Pattern TIMESTAMPED =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) \\[");
  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void sighupReloadsTheAccessListAndEveryLogLineIsTimestamped(@TempDir Path dir) throws Exception {
    RequiredTools.requireOnPath("kill");
    try (TrackerProcess tracker = TrackerProcess.start(JAR, dir, TrackerProtocol.UDP)) {
      Files.writeString(tracker.denyList(), HASH + "\n");
      final Process kill =
          new ProcessBuilder("kill", "-HUP", Long.toString(tracker.pid())).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
      // The file watcher may reload as well; the signal's reload follows "SIGHUP received".
      final Pattern reloaded =
          Pattern.compile("SIGHUP received[\\s\\S]*access list reloaded from .*: 1 entries");
      final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!reloaded.matcher(tracker.logText()).find()) {
        assertThat(System.nanoTime() - deadline)
            .as(() -> "no SIGHUP reload in:\n" + tracker.logText())
            .isNegative();
        Thread.sleep(50);
      }
      assertThat(tracker.stop()).as(tracker::logText).isZero();
      final List<String> lines = tracker.logText().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).hasSizeGreaterThan(5);
      assertThat(lines).allSatisfy(line -> assertThat(line).containsPattern(TIMESTAMPED));
    }
  }

  @Test
  void everyConfigProblemIsOneLineAndExitStatus2(@TempDir Path dir) throws Exception {
    final Path config = dir.resolve("ws.toml");
    Files.writeString(
        config,
        """
        [network]
        address_ipv4 = "127.0.0.1:0"
        use_ipv6 = false
        [network.tls]
        enable_tls = true
        tls_certificate_path = "%s"
        tls_private_key_path = "%s"
        [access_list]
        mode = "allow"
        path = "%s"
        """
            .formatted(dir.resolve("missing.pem"), dir.resolve("missing.key"), dir.resolve("missing.txt")));
    final Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "ws",
                "-c",
                config.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output.lines().toList())
        .containsExactly(
            config + ": network.tls.tls_certificate_path: " + dir.resolve("missing.pem") + ": no such file",
            config + ": network.tls.tls_private_key_path: " + dir.resolve("missing.key") + ": no such file",
            config + ": access_list.path: " + dir.resolve("missing.txt") + ": no such file");
  }
}
