package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one {@link Aria2Transfer#run}: the script's exit status and output, and the two
 * clients' logs in its work directory. Immutable (the logs are read on demand).
 *
 * @param exitCode 0 when the script's expectation held (transfer with matching sha256, or none)
 * @param output everything the script printed
 * @param workDir where the script left {@code seeder/aria2.log} and {@code leecher/aria2.log}
 */
record Aria2Run(int exitCode, String output, Path workDir) {
  private static final Pattern INFO_HASH = Pattern.compile("(?m)^INFO_HASH=([0-9a-f]{40})$");
  private static final Pattern REPLIES =
      Pattern.compile("tracker replies \\(or refusals\\) seen by the leecher: (\\d+)");

  /** The torrent's info hash, as the script printed it before starting the clients. */
  Optional<String> infoHash() {
    final Matcher m = INFO_HASH.matcher(output);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** In expect-fail mode: how many tracker replies or refusals the leecher logged. */
  Optional<Integer> trackerRepliesSeenByLeecher() {
    final Matcher m = REPLIES.matcher(output);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The seeder's aria2c log lines; empty if it never started. */
  List<String> seederLog() throws IOException {
    return lines(workDir.resolve("seeder/aria2.log"));
  }

  /** The leecher's aria2c log lines; empty if it never started. */
  List<String> leecherLog() throws IOException {
    return lines(workDir.resolve("leecher/aria2.log"));
  }

  private static List<String> lines(Path file) throws IOException {
    try {
      return Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }
}
