package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end: the reference client itself, npm {@code bittorrent-tracker}'s {@code Client} run
 * with Node ({@code e2e/bittorrent-tracker/reference-client.mjs}), against the packaged {@code
 * aquatic ws}, {@code aquatic http} and {@code aquatic udp}. Two clients of one torrent start,
 * update, complete, scrape and stop; over ws:// they announce the fake offers of the reference
 * client's own tests ({@code {fake_offer, offer_id}}), which the tracker must serve (relaying
 * nothing). Checked: the interval the client adopted, the counts of every reply and scrape, the
 * peers the other client was given (none after a stop), and that the client saw no error or
 * warning (the driver fails on either).
 *
 * <p>Needs node and the npm packages of e2e/bittorrent-tracker, which {@code
 * scripts/install-e2e-deps.sh} installs.
 */
@Timeout(120)
class ReferenceClientIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final Path DRIVER_DIR =
      Path.of(System.getProperty("aquatic.e2e.bittorrentTrackerDir", "../e2e/bittorrent-tracker"))
          .toAbsolutePath();
  private static final long DRIVER_TIMEOUT_SECONDS = 90;

  @TempDir Path dir;

  @BeforeEach
  void requireTools() {
    RequiredTools.requireOnPath("node");
    RequiredTools.requireFiles(
        DRIVER_DIR.resolve("reference-client.mjs"),
        DRIVER_DIR.resolve("node_modules/bittorrent-tracker/package.json"));
  }

  @ParameterizedTest
  @EnumSource(value = TrackerProtocol.class, names = {"WS", "HTTP", "UDP"})
  void theReferenceClientStartsUpdatesCompletesScrapesAndStops(TrackerProtocol protocol)
      throws Exception {
    try (TrackerProcess tracker = TrackerProcess.start(JAR.toAbsolutePath(), dir, protocol)) {
      final Map<String, List<String>> seen = runDriver(tracker);

      assertThat(seen.get("interval"))
          .containsExactly(Integer.toString(TrackerProcess.ANNOUNCE_INTERVAL_SECONDS));
      // UDP and HTTP replies leave the announcing peer out of the counts, WebTorrent ones (like
      // the reference tracker's) count it; a stopped peer has left either way.
      final int self = protocol.webTorrent() ? 1 : 0;
      assertCounts(seen, "aStarted", 0, self);
      assertCounts(seen, "bStarted", 0, 1 + self);
      assertCounts(seen, "aUpdated", 0, 1 + self);
      assertCounts(seen, "aCompleted", self, 1);
      assertCounts(seen, "aStopped", 0, 1);
      // Every tracker counts the completed event as a download (aquatic_ws would say 0).
      assertScrape(seen, "scrapeAfterComplete", 1, 1, 1);
      assertScrape(seen, "scrapeAfterStop", 0, 1, 1);
      assertCounts(seen, "bStopped", 0, 0);
      if (protocol.webTorrent()) {
        // Fake offers cannot be relayed: nobody is sent one.
        assertThat(strings(seen, "bPeersAfterStart")).isEmpty();
        assertThat(strings(seen, "aPeersAfterUpdate")).isEmpty();
        assertThat(tracker.metrics().sum("aquatic_ws_offers_skipped_total", Map.of())).isPositive();
      } else {
        assertThat(strings(seen, "bPeersAfterStart")).containsExactly("127.0.0.1:6881");
        assertThat(strings(seen, "aPeersAfterUpdate")).containsExactly("127.0.0.1:6882");
      }
      assertThat(strings(seen, "aPeersAfterStop")).as("peers sent in reply to a stop").isEmpty();
      assertThat(tracker.stop()).as(tracker::logText).isZero();
    }
  }

  /** Runs the driver to its end; its lines by their second word (the step), or "interval". */
  private Map<String, List<String>> runDriver(TrackerProcess tracker)
      throws IOException, InterruptedException {
    final Path out = dir.resolve("reference-client.out");
    final Path err = dir.resolve("reference-client.err");
    final Process driver =
        new ProcessBuilder(
                "node", DRIVER_DIR.resolve("reference-client.mjs").toString(), tracker.announceUrl())
            .directory(DRIVER_DIR.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!driver.waitFor(DRIVER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      driver.destroyForcibly().waitFor();
      throw new AssertionError("reference client still running after " + DRIVER_TIMEOUT_SECONDS + " s");
    }
    final String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(driver.exitValue())
        .as(() -> "reference client exit status; stderr:\n" + stderr + "\ntracker log:\n" + tracker.logText())
        .isZero();
    final Map<String, List<String>> seen = new HashMap<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      final List<String> words = Arrays.asList(line.strip().split(" "));
      if (words.getFirst().equals("interval")) {
        seen.put("interval", words.subList(1, words.size()));
      } else {
        seen.put(words.get(1), words.subList(2, words.size()));
      }
    }
    return seen;
  }

  private static void assertCounts(
      Map<String, List<String>> seen, String step, int complete, int incomplete) {
    assertThat(seen.get(step)).as(step + ": complete, incomplete").startsWith(
        Integer.toString(complete), Integer.toString(incomplete));
  }

  private static void assertScrape(
      Map<String, List<String>> seen, String step, int complete, int incomplete, int downloaded) {
    assertThat(seen.get(step))
        .as(step + ": complete, incomplete, downloaded")
        .containsExactly(
            Integer.toString(complete), Integer.toString(incomplete), Integer.toString(downloaded));
  }

  private static List<String> strings(Map<String, List<String>> seen, String step) {
    return seen.get(step);
  }
}
