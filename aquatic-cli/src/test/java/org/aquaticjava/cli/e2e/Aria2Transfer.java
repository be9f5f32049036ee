package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/e2e-aria2-transfer.sh}: a real aria2c seeder and leecher on loopback that can
 * meet only through the tracker under test. The script makes the payload and a private torrent,
 * moves the file and checks its sha256; this class bounds it in time and keeps its output.
 *
 * <p>Stateless; each {@link #run} is independent.
 */
final class Aria2Transfer {
  /** Time on top of the transfer timeout: torrent creation, the seeder's check, client stops. */
  private static final Duration SCRIPT_OVERHEAD = Duration.ofSeconds(45);

  private final Path script;

  Aria2Transfer(Path script) {
    this.script = script;
  }

  /** Whether the transfer should complete, or must not (the tracker refuses the torrent). */
  enum Expect {
    TRANSFER,
    NO_TRANSFER
  }

  /**
   * Runs one transfer through {@code announceUrl} in {@code workDir} and returns when the script
   * has ended (its clients stopped).
   *
   * @param transferTimeout how long the leecher may take ({@code E2E_TIMEOUT})
   * @param environment extra variables, e.g. {@code E2E_BEFORE_CLIENTS}
   * @throws IllegalStateException if the script outlives its own bounds; it is killed first
   */
  Aria2Run run(
      String announceUrl,
      Path workDir,
      Expect expect,
      Duration transferTimeout,
      Map<String, String> environment)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    final Path output = workDir.resolve("script-output.txt");
    final List<String> command =
        new ArrayList<>(List.of("bash", script.toString(), announceUrl, workDir.toString()));
    if (expect == Expect.NO_TRANSFER) {
      command.add("expect-fail");
    }
    final ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("E2E_TIMEOUT", Long.toString(transferTimeout.toSeconds()));
    final Process process = builder.start();
    final long bound = transferTimeout.plus(SCRIPT_OVERHEAD).toSeconds();
    if (!process.waitFor(bound, TimeUnit.SECONDS)) {
      process.destroy(); // SIGTERM: the script's trap stops both clients (within ~4 s)
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      throw new IllegalStateException(
          "e2e script still running after " + bound + " s; output:\n" + Files.readString(output));
    }
    return new Aria2Run(process.exitValue(), Files.readString(output), workDir);
  }
}
