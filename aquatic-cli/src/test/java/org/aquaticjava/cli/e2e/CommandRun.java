package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an external program (dpkg-deb, apt-get, lintian, promtool, ...): exit status
 * and output (stdout and stderr together). Immutable.
 *
 * @param command the command line
 * @param exitCode its exit status
 * @param output what it printed
 */
record CommandRun(List<String> command, int exitCode, String output) {

  /**
   * Runs {@code command} with {@code extraEnv} added to the environment and stdin closed; kills it
   * after {@code timeout}.
   *
   * @throws IllegalStateException if it did not finish within {@code timeout}
   */
  static CommandRun run(Duration timeout, Map<String, String> extraEnv, List<String> command)
      throws IOException, InterruptedException {
    final Path output = Files.createTempFile("command-", ".log");
    try {
      final ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(extraEnv);
      final Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            command + " still running after " + timeout.toSeconds() + " s:\n"
                + Files.readString(output));
      }
      return new CommandRun(command, process.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** {@link #run(Duration, Map, List)} without extra environment. */
  static CommandRun run(Duration timeout, String... command)
      throws IOException, InterruptedException {
    return run(timeout, Map.of(), List.of(command));
  }

  /**
   * Like {@link #run(Duration, String...)}, but fails unless the exit status is 0.
   *
   * @throws IllegalStateException with the command and its output if it exited otherwise
   */
  static String ok(Duration timeout, String... command) throws IOException, InterruptedException {
    return run(timeout, command).requireSuccess();
  }

  /** The output, if the exit status is 0; otherwise an exception naming command and output. */
  String requireSuccess() {
    if (exitCode != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
    }
    return output;
  }
}
