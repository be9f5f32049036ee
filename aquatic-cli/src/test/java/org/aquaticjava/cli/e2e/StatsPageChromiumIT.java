package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aquaticjava.cli.AllTracker;
import org.aquaticjava.cli.StatsScenario;
import org.aquaticjava.netty.ProjectVersion;
import org.aquaticjava.testkit.WorkerDeaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats page as a person sees it: {@code aquatic all} ({@link StatsScenario}: one torrent
 * announced over UDP, HTTP and WebTorrent) renders {@code /stats} in headless Chromium (Debian's,
 * as the WebTorrent tests use), and the rendered document ({@code --dump-dom}) shows the tracker's
 * swarm counts, request counts, listeners and version.
 */
@Timeout(120)
class StatsPageChromiumIT {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("aquatic.e2e.chromium", "/usr/lib/chromium/chromium"));
  private static final Pattern CELL = Pattern.compile("<(td|span) id=\"([a-z0-9-]+)\">([^<]*)</\\1>");
  private static final long BROWSER_TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  @AfterEach
  void noWorkerDied() {
    assertThat(WorkerDeaths.drain()).isEmpty();
  }

  @Test
  void chromiumShowsTheTrackersState() throws Exception {
    RequiredTools.requireFiles(CHROMIUM);
    try (StatsScenario scenario = StatsScenario.start()) {
      scenario.settledJson();
      final String dom = dumpDom(scenario.uri("/stats").toString());
      final Map<String, String> cells = cells(dom);

      assertThat(dom).contains("<title>aquatic-java stats</title>", "<table id=\"swarms\">");
      assertThat(cells)
          .containsEntry("version", ProjectVersion.get())
          // One (IP, port) swarm: the UDP seeder and the HTTP leecher.
          .containsEntry("bittorrent-ipv4-torrents", "1")
          .containsEntry("bittorrent-ipv4-peers", "2")
          .containsEntry("bittorrent-ipv4-seeders", "1")
          .containsEntry("bittorrent-ipv4-leechers", "1")
          .containsEntry("bittorrent-ipv6-peers", "0")
          // The WebTorrent seeder and leecher, still connected.
          .containsEntry("webtorrent-ipv4-torrents", "1")
          .containsEntry("webtorrent-ipv4-peers", "2")
          .containsEntry("webtorrent-ipv4-seeders", "1")
          .containsEntry("webtorrent-ipv4-leechers", "1")
          .containsEntry("totals-torrents", "2")
          .containsEntry("totals-peers", "4");
      long requests = 0;
      for (String protocol : List.of("udp", "http", "ws")) {
        final long counted = (long) scenario.counter("aquatic_requests_total", protocol);
        assertThat(counted).isPositive();
        assertThat(cells).containsEntry("requests-total-" + protocol, Long.toString(counted));
        assertThat(cells)
            .containsEntry(
                "responses-total-" + protocol,
                Long.toString((long) scenario.counter("aquatic_responses_total", protocol)));
        assertThat(Double.parseDouble(cells.get("requests-per-second-" + protocol))).isPositive();
        requests += counted;
      }
      assertThat(cells).containsEntry("requests-total-total", Long.toString(requests));
      final AllTracker tracker = scenario.tracker();
      assertThat(cells)
          .containsEntry(
              "protocol-udp-addresses",
              "127.0.0.1:" + tracker.udp().orElseThrow().localAddressIpv4().orElseThrow().getPort())
          .containsEntry(
              "protocol-ws-addresses",
              "127.0.0.1:" + tracker.ws().orElseThrow().localAddressIpv4().orElseThrow().getPort())
          .containsEntry("config-access-list-mode", "off");
    }
  }

  /** The document Chromium renders from {@code url}, as {@code --dump-dom} prints it. */
  private String dumpDom(String url) throws Exception {
    final Path out = dir.resolve("dom.html");
    final Path err = dir.resolve("chromium.log");
    final Process chromium =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--user-data-dir=" + dir.resolve("profile"),
                "--dump-dom",
                url)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      if (!chromium.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s: "
                + Files.readString(err));
      }
    } finally {
      chromium.destroyForcibly();
    }
    final String dom = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(dom).as("chromium's DOM (stderr: %s)", Files.readString(err)).contains("</html>");
    return dom;
  }

  /** Every {@code <td id=...>} and {@code <span id=...>} with its text. */
  private static Map<String, String> cells(String dom) {
    final Map<String, String> cells = new HashMap<>();
    final Matcher m = CELL.matcher(dom);
    while (m.find()) {
      cells.put(m.group(2), m.group(3));
    }
    return cells;
  }
}
