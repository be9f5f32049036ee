package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short, rate-limited run of the project's load tester ({@code aquatic-load-test udp|http|ws})
 * against a tracker on 127.0.0.1: a small workload, a few hundred requests per second, a few
 * seconds. The launcher is given (the checkout's jar on the test's JDK, or the Debian package's
 * {@code /usr/bin/aquatic-load-test}).
 */
final class LoadTestRun {
  private static final Pattern RESPONSES = Pattern.compile("^SUMMARY .* responses=(\\d+) ", Pattern.MULTILINE);
  private static final int RATE = 300;

  private LoadTestRun() {}

  /** The load tester as {@code java -jar jar}, on the JDK that runs the test. */
  static List<String> fromJar(Path jar) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-jar",
        jar.toString());
  }

  /**
   * Loads the tracker at 127.0.0.1:{@code port} for {@code seconds} with {@code command}, writing
   * its config and output into {@code dir}, and checks that it exited 0 and got responses.
   *
   * @return the number of responses the load tester counted
   */
  static long run(
      List<String> launcher, Path dir, String protocol, int port, boolean tls, int seconds)
      throws IOException, InterruptedException {
    final Path config = dir.resolve("load-test-" + protocol + ".toml");
    Files.writeString(config, config(protocol, port, tls, seconds));
    final Path output = dir.resolve("load-test-" + protocol + ".log");
    final List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(protocol, "-c", config.toString()));
    final Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("load tester still running after " + (seconds + 60) + " s");
    }
    final String text = Files.readString(output);
    assertThat(process.exitValue()).as("load tester exit status; its output:\n%s", text).isZero();
    final Matcher responses = RESPONSES.matcher(text);
    assertThat(responses.find()).as("SUMMARY line in the load tester output:\n%s", text).isTrue();
    final long count = Long.parseLong(responses.group(1));
    assertThat(count).as("responses the load tester got; its output:\n%s", text).isPositive();
    return count;
  }

  private static String config(String protocol, int port, boolean tls, int seconds) {
    final String common =
        """
        server_address = "127.0.0.1:%d"
        workers = 1
        %s
        [load]
        duration = %d
        rate = %d
        progress_interval = %d
        [workload]
        number_of_torrents = 100
        """
            .formatted(port, protocolKeys(protocol, tls), seconds, RATE, seconds);
    return switch (protocol) {
      // WebTorrent peers are connections, opened first: few, quickly.
      case "ws" -> common + "number_of_peers = 20\n[network]\nconnections_per_second = 200\n";
      case "udp" -> common + "number_of_peers = 1000\n[network]\nsockets_per_worker = 1\n";
      default -> common + "number_of_peers = 1000\n[network]\nconnections = 4\n";
    };
  }

  /**
   * The WebTorrent load tester's own top-level keys. One second of warm-up: with none, a run of a
   * few seconds at a fixed rate sent nothing (seen with the load tester of this commit).
   */
  private static String protocolKeys(String protocol, boolean tls) {
    return protocol.equals("ws") ? "tls = " + tls + "\nwarmup_duration = 1" : "";
  }
}
