package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code e2e/webtorrent/transfer.mjs} with Node: two real WebTorrent clients (the webtorrent
 * package's browser build), each in its own headless Chromium, that can meet only through the
 * tracker the torrent names. Every run is bounded: the driver gets its own timeout plus a margin
 * for starting and closing the browsers, and whatever it started is killed afterwards.
 *
 * <p>Not thread-safe; one test thread uses it.
 */
final class WebtorrentPeers {
  /** Starting two browsers, loading the pages and closing them again takes well under this. */
  private static final Duration BROWSER_MARGIN = Duration.ofSeconds(45);

  private final Path driverDir;
  private final Path chromium;

  /**
   * @param driverDir e2e/webtorrent with its npm packages installed
   * @param chromium the Chromium binary (not Debian's wrapper script, which can print shell errors)
   */
  WebtorrentPeers(Path driverDir, Path chromium) {
    this.driverDir = driverDir;
    this.chromium = chromium;
  }

  /** The files this needs beyond programs on PATH. */
  static List<Path> requiredFiles(Path driverDir) {
    return List.of(
        driverDir.resolve("transfer.mjs"),
        driverDir.resolve("node_modules/webtorrent/dist/webtorrent.min.js"),
        driverDir.resolve("node_modules/playwright-core/package.json"),
        driverDir.resolve("node_modules/create-torrent/package.json"),
        driverDir.resolve("node_modules/parse-torrent/package.json"));
  }

  /**
   * Writes a private single-file torrent of {@code data} whose only announce URL is {@code
   * announceUrl} and returns its info hash (hex).
   */
  String prepare(Path data, String announceUrl, Path torrent)
      throws IOException, InterruptedException {
    final Run run =
        node(
            List.of(
                "prepare",
                "--data",
                data.toString(),
                "--announce",
                announceUrl,
                "--torrent",
                torrent.toString()),
            Duration.ofSeconds(30),
            torrent.resolveSibling("prepare"));
    final String infoHash = run.results.getProperty("infoHash");
    if (run.exitCode != 0 || infoHash == null) {
      throw new IllegalStateException("transfer.mjs prepare failed:\n" + run.details);
    }
    return infoHash;
  }

  /**
   * Seeds {@code data} in one browser and downloads {@code torrent} in the other until the leecher
   * is done or {@code timeout} has passed.
   *
   * @param caCert a CA the browsers trust (for wss://), or null to trust only what they trust by
   *     default
   */
  WebtorrentRun transfer(Path data, Path torrent, Path workDir, Duration timeout, Path caCert)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    final List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--data",
                data.toString(),
                "--torrent",
                torrent.toString(),
                "--workdir",
                workDir.toString(),
                "--timeout-ms",
                Long.toString(timeout.toMillis()),
                "--chromium",
                chromium.toString()));
    if (caCert != null) {
      args.addAll(List.of("--ca-cert", caCert.toString()));
    }
    final Run run = node(args, timeout.plus(BROWSER_MARGIN), workDir.resolve("driver"));
    return new WebtorrentRun(run.exitCode, run.results, run.details);
  }

  private record Run(int exitCode, Properties results, String details) {}

  private Run node(List<String> args, Duration limit, Path outputPrefix)
      throws IOException, InterruptedException {
    final Path stdout = outputPrefix.resolveSibling(outputPrefix.getFileName() + ".out");
    final Path stderr = outputPrefix.resolveSibling(outputPrefix.getFileName() + ".err");
    final List<String> command = new ArrayList<>(List.of("node", "transfer.mjs"));
    command.addAll(args);
    final Process process =
        new ProcessBuilder(command)
            .directory(driverDir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    final int exitCode;
    try {
      exitCode =
          process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } finally {
      killTree(process);
    }
    final Properties results = new Properties();
    results.load(new StringReader(Files.readString(stdout)));
    final String details =
        "transfer.mjs "
            + String.join(" ", args)
            + "\nexit "
            + (exitCode == -1 ? "(killed after " + limit.toSeconds() + " s)" : exitCode)
            + "\n---- stdout ----\n"
            + Files.readString(stdout)
            + "---- stderr ----\n"
            + Files.readString(stderr);
    return new Run(exitCode, results, details);
  }

  /**
   * Kills the driver if it still runs, with everything it started (browsers and their helpers). A
   * driver that ended by itself has closed its browsers already.
   */
  private static void killTree(Process process) throws InterruptedException {
    final List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    for (ProcessHandle handle : tree) {
      handle.destroyForcibly();
    }
    for (ProcessHandle handle : tree) {
      handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join();
    }
  }
}
