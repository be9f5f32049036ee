package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the packaged {@code aquatic ws} program brokers a real file transfer between two real
 * WebTorrent clients (the webtorrent npm package's browser build), each in its own headless
 * Chromium with its own profile, that can meet only through it: the torrent is private and names
 * only this tracker, DHT, local discovery, PEX and web seeds are off, no STUN server is configured,
 * and every host name but 127.0.0.1 fails to resolve in the browsers. WebRTC runs over loopback.
 *
 * <p>Over ws:// and over wss:// with a certificate from a test CA that the browsers trust through
 * an NSS database (no certificate check is switched off); browsers that do not trust the CA never
 * reach the tracker, and a torrent on the tracker's deny list never transfers.
 *
 * <p>Runs in the {@code integration-test} phase (Failsafe), after {@code package} built {@code
 * aquatic.jar}; needs node, Chromium, certutil and the npm packages of e2e/webtorrent, which {@code
 * scripts/install-e2e-deps.sh} installs. Each test starts a fresh tracker, so its metrics count
 * only that test's clients.
 */
@Timeout(120)
class WebtorrentTransferIT {
  // Set by the Failsafe configuration in aquatic-cli/pom.xml; the defaults fit the module
  // directory.
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final Path DRIVER_DIR =
      Path.of(System.getProperty("aquatic.e2e.webtorrentDir", "../e2e/webtorrent"));
  private static final Path CHROMIUM =
      Path.of(System.getProperty("aquatic.e2e.chromium", "/usr/lib/chromium/chromium"));

  private static final int FILE_SIZE = 5 * 1024 * 1024;

  /**
   * About 2 s are needed on loopback. On a loaded machine the first WebRTC connections sometimes
   * fail ("Connection failed" warnings on both peers, no wire: one end's ICE connects, the other
   * end's peer connection goes away, most likely dropped as a duplicate of the connection offered
   * the other way at the same time); the clients try again after the next announce, 5 s later.
   * The rest is slack for a few such rounds.
   */
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(60);

  /** How long a transfer that must not happen is given to happen anyway. */
  private static final Duration NO_TRANSFER_WINDOW = Duration.ofSeconds(10);

  private static final String RESPONSES = "aquatic_responses_total";
  private static final String NOT_ALLOWED = "Info hash not allowed";
  private static final String WEBRTC_CONNECTION_FAILED = "Connection error: ";

  @TempDir Path dir;
  private TrackerProcess tracker;
  private WebtorrentRun run;

  /** On failure, prints what the tracker and the browsers said (the temp dir is deleted after). */
  @RegisterExtension
  final TestExecutionExceptionHandler printLogsOnFailure =
      (context, failure) -> {
        printDiagnostics();
        throw failure;
      };

  @BeforeEach
  void requireTools() {
    RequiredTools.requireOnPath("node", "certutil", "kill");
    final List<Path> files = new ArrayList<>(WebtorrentPeers.requiredFiles(DRIVER_DIR));
    files.add(CHROMIUM);
    RequiredTools.requireFiles(files.toArray(Path[]::new));
  }

  @AfterEach
  void stopTracker() throws InterruptedException {
    if (tracker == null) {
      return;
    }
    try (TrackerProcess stopping = tracker) {
      final int status = stopping.stop();
      assertThat(status)
          .as(() -> "tracker exit status on SIGTERM; log:\n" + stopping.logText())
          .isZero();
    }
  }

  @Test
  void twoBrowsersTransferAFileThatTheyFoundOnlyThroughTheTrackerOverWs() throws Exception {
    tracker = TrackerProcess.start(JAR.toAbsolutePath(), dir, TrackerProtocol.WS);
    assertTransferred(tracker, 1, null);
  }

  @Test
  void twoBrowsersTransferAFileOverWssWithACertificateTheyTrust() throws Exception {
    tracker = TrackerProcess.start(JAR.toAbsolutePath(), dir, TrackerProtocol.WSS);
    assertThat(tracker.announceUrl()).startsWith("wss://127.0.0.1:");
    assertTransferred(tracker, 2, tracker.pki().orElseThrow().caCertificate());
  }

  @Test
  void browsersThatDoNotTrustTheTrackersCertificateNeverReachIt() throws Exception {
    tracker = TrackerProcess.start(JAR.toAbsolutePath(), dir, TrackerProtocol.WSS);
    final Path data = writeData(3);
    final Path torrent = dir.resolve("transfer.torrent");
    peers().prepare(data, tracker.announceUrl(), torrent);

    run = peers().transfer(data, torrent, dir.resolve("run"), NO_TRANSFER_WINDOW, null);

    assertThat(run.exitCode()).as(run::details).isZero();
    assertThat(run.transferred()).as(run::details).isFalse();
    assertThat(run.wires("leecher")).as("peer connections of the leecher").isZero();
    final PrometheusText metrics = tracker.metrics();
    assertThat(metrics.sum("aquatic_tls_handshake_failures_total", Map.of()))
        .as("TLS handshakes the browsers broke off")
        .isPositive();
    assertThat(metrics.sum("aquatic_requests_total", Map.of()))
        .as("messages received by the tracker")
        .isZero();
  }

  @Test
  void aTorrentOnTheDenyListNeverTransfersBecauseTheTrackerRefusesIt() throws Exception {
    tracker = TrackerProcess.start(JAR.toAbsolutePath(), dir, TrackerProtocol.WS);
    final Path data = writeData(4);
    final Path torrent = dir.resolve("transfer.torrent");
    final String infoHash = peers().prepare(data, tracker.announceUrl(), torrent);
    // Before any client starts: deny the hash and make the tracker reload its list with SIGUSR1.
    Files.writeString(tracker.denyList(), infoHash + "\n");
    signalReloadAndAwait(1);

    run = peers().transfer(data, torrent, dir.resolve("run"), NO_TRANSFER_WINDOW, null);

    assertThat(run.exitCode()).as(run::details).isZero();
    assertThat(run.transferred()).as(run::details).isFalse();
    assertThat(run.infoHash("leecher")).isEqualTo(infoHash);
    // The clients failed because the live tracker refused the torrent, not because it was silent.
    assertThat(run.warnings("leecher")).as(run::details).contains(NOT_ALLOWED);
    assertThat(run.warnings("seeder")).as(run::details).contains(NOT_ALLOWED);
    assertThat(run.wires("leecher")).as("peer connections of the leecher").isZero();
    final PrometheusText metrics = tracker.metrics();
    assertThat(metrics.sum("aquatic_access_list_entries", Map.of()))
        .as("info hashes in the access list in force")
        .isEqualTo(1);
    assertThat(metrics.sum(RESPONSES, Map.of("type", "error")))
        .as("error responses sent by the tracker (at least one per client)")
        .isGreaterThanOrEqualTo(2);
    for (String type : List.of("announce", "offer", "answer")) {
      assertThat(metrics.sum(RESPONSES, Map.of("type", type)))
          .as(type + " responses sent by the tracker")
          .isZero();
    }
  }

  /**
   * Seeds a fresh random file in one browser, downloads it in the other through {@code tracker} and
   * checks the copy, the peers' view and the tracker's counters.
   */
  private void assertTransferred(TrackerProcess tracker, int seed, Path caCert) throws Exception {
    final Path data = writeData(seed);
    final Path torrent = dir.resolve("transfer.torrent");
    final String infoHash = peers().prepare(data, tracker.announceUrl(), torrent);

    run = peers().transfer(data, torrent, dir.resolve("run"), TRANSFER_TIMEOUT, caCert);

    assertThat(run.exitCode()).as(run::details).isZero();
    assertThat(run.transferred()).as(run::details).isTrue();
    assertThat(run.leecherBytes()).isEqualTo(FILE_SIZE);
    assertThat(run.leecherSha256()).as("sha256 of the leecher's copy").isEqualTo(sha256(data));
    assertThat(run.infoHash("seeder")).as("info hash the seeder made").isEqualTo(infoHash);
    assertThat(run.infoHash("leecher")).isEqualTo(infoHash);
    for (String peer : List.of("seeder", "leecher")) {
      // A WebRTC connection attempt may fail and be retried after the next announce; any other
      // warning (a tracker error, say) fails the test.
      assertThat(run.warnings(peer))
          .as(peer + " warnings; " + run.details())
          .allMatch(warning -> warning.startsWith(WEBRTC_CONNECTION_FAILED));
      assertThat(run.errors(peer)).as(peer + " errors; " + run.details()).isEmpty();
    }
    System.out.printf(
        "WebtorrentTransferIT: %d bytes over %s in %.2f s after the leecher started%n",
        FILE_SIZE, tracker.announceUrl(), run.seconds());
    if (!run.warnings("leecher").isEmpty() || !run.warnings("seeder").isEmpty()) {
      System.out.println(
          "WebtorrentTransferIT: a WebRTC connection attempt failed and was retried:\n"
              + run.details());
    }
    // The peers met through this tracker: it answered both announces and relayed the WebRTC
    // offer of one and the answer of the other.
    final PrometheusText metrics = tracker.metrics();
    assertThat(metrics.sum(RESPONSES, Map.of("type", "announce")))
        .as("announce responses sent by the tracker")
        .isGreaterThanOrEqualTo(2);
    assertThat(metrics.sum(RESPONSES, Map.of("type", "offer")))
        .as("offers relayed by the tracker")
        .isPositive();
    assertThat(metrics.sum(RESPONSES, Map.of("type", "answer")))
        .as("answers relayed by the tracker")
        .isPositive();
    assertThat(metrics.sum(RESPONSES, Map.of("type", "error")))
        .as("error responses sent by the tracker")
        .isZero();
  }

  private static WebtorrentPeers peers() {
    return new WebtorrentPeers(DRIVER_DIR.toAbsolutePath(), CHROMIUM);
  }

  /** {@value #FILE_SIZE} pseudo-random bytes, different for each {@code seed}. */
  private Path writeData(int seed) throws IOException {
    final byte[] bytes = new byte[FILE_SIZE];
    final SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return Files.write(dir.resolve("data-" + seed + ".bin"), bytes);
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /**
   * Sends SIGUSR1 and waits (at most 10 s) until the log shows a reload with {@code entries}
   * entries after the signal (the file watcher may reload too, but the signal's reload always
   * follows "SIGUSR1 received").
   */
  private void signalReloadAndAwait(int entries) throws IOException, InterruptedException {
    final Process kill =
        new ProcessBuilder("kill", "-USR1", Long.toString(tracker.pid()))
            .redirectErrorStream(true)
            .start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
        .as("kill -USR1 " + tracker.pid())
        .isTrue();
    final Pattern reloaded =
        Pattern.compile(
            "SIGUSR1 received[\\s\\S]*access list reloaded from .*: " + entries + " entries");
    final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!reloaded.matcher(tracker.logText()).find()) {
      assertThat(System.nanoTime() - deadline)
          .as(() -> "no SIGUSR1 reload with " + entries + " entries in:\n" + tracker.logText())
          .isNegative();
      Thread.sleep(50);
    }
  }

  private void printDiagnostics() {
    if (tracker != null) {
      System.err.println("---- tracker log (" + tracker.log() + ") ----");
      System.err.println(tracker.logText());
    }
    if (run != null) {
      System.err.println("---- WebTorrent peers ----");
      System.err.println(run.details());
    }
  }
}
