package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aquaticjava.cli.e2e.Aria2Transfer.Expect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end, once per tracker protocol (UDP, HTTP, HTTPS): the packaged {@code aquatic udp} or
 * {@code aquatic http} program brokers a real file transfer between two aria2c clients that can
 * meet only through it (private torrent, PEX and LPD off, DHT off or without any node, everything
 * bound to 127.0.0.1), and a torrent on its deny list never transfers. Over HTTPS the clients trust
 * only the test CA that issued the tracker's certificate for 127.0.0.1.
 *
 * <p>Runs in the {@code integration-test} phase (Failsafe), after {@code package} built
 * {@code aquatic.jar}. Each test starts a fresh tracker, so its metrics count only that test's
 * clients. IPv4 only: aria2c cannot reach a {@code udp://[::1]} tracker.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(names = {"UDP", "HTTP", "HTTPS"})
@Timeout(110)
class Aria2TransferIT {
  // Set by the Failsafe configuration in aquatic-cli/pom.xml; the defaults fit the module directory.
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final Path SCRIPT =
      Path.of(
          System.getProperty("aquatic.e2e.transferScript", "../scripts/e2e-aria2-transfer.sh"));
  private static final String RESPONSES = "aquatic_responses_total";

  private final TrackerProtocol protocol;
  @TempDir Path dir;
  private TrackerProcess tracker;
  private Aria2Run run;

  /** On failure, prints what the tracker and the clients said (the temp dir is deleted after). */
  @RegisterExtension
  final TestExecutionExceptionHandler printLogsOnFailure =
      (context, failure) -> {
        printDiagnostics();
        throw failure;
      };

  Aria2TransferIT(TrackerProtocol protocol) {
    this.protocol = protocol;
  }

  @BeforeEach
  void startTracker() throws IOException, InterruptedException {
    RequiredTools.requireOnPath("bash", "aria2c", "mktorrent", "sha256sum", "timeout");
    tracker = TrackerProcess.start(JAR.toAbsolutePath(), dir, protocol);
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
  void twoAria2ClientsTransferAFileThatTheyFoundOnlyThroughTheTracker() throws Exception {
    run =
        new Aria2Transfer(SCRIPT.toAbsolutePath())
            .run(
                tracker.announceUrl(),
                dir.resolve("transfer"),
                Expect.TRANSFER,
                Duration.ofSeconds(40),
                clientEnvironment(Map.of()));

    // exit 0 = the leecher finished and its copy has the seeder's sha256
    assertThat(run.exitCode()).as(run::output).isZero();
    assertThat(run.output()).contains("e2e: OK: 8 MiB transferred via " + tracker.announceUrl());
    final String infoHash = run.infoHash().orElseThrow();
    // Both clients announced to this tracker and got an answer, and the leecher's answer held the
    // seeder: the only way the two could have met.
    final String thisTracker = "127.0.0.1:" + tracker.port();
    assertThat(Aria2TrackerLog.replies(run.seederLog()))
        .anySatisfy(reply -> assertAnnounceAnswered(reply, thisTracker, infoHash));
    assertThat(Aria2TrackerLog.replies(run.leecherLog()))
        .anySatisfy(reply -> {
          assertAnnounceAnswered(reply, thisTracker, infoHash);
          assertThat(reply.seeders()).as("seeders in the reply").isPositive();
          assertThat(reply.peers()).as("peers in the reply").isPositive();
        });
    // ... and the tracker agrees it answered announces (at least one per client), refusing none.
    final PrometheusText metrics = tracker.metrics();
    assertThat(metrics.sum(RESPONSES, Map.of("type", "announce")))
        .as("announce responses sent by the tracker")
        .isGreaterThanOrEqualTo(2);
    assertThat(metrics.sum(RESPONSES, Map.of("type", "error")))
        .as("error responses sent by the tracker")
        .isZero();
  }

  @Test
  void aTorrentOnTheDenyListNeverTransfersBecauseTheTrackerRefusesIt() throws Exception {
    // Once the torrent exists and before any client starts: deny its info hash, make the tracker
    // reload with SIGUSR1, and wait (bounded) until its log shows a reload with the hash after the
    // signal (the file watcher may reload too, but the signal's reload always follows "received").
    final String denyAndReload =
        """
        printf '%s\\n' "$1" >> "$E2E_DENY_LIST" || exit 1
        kill -USR1 "$E2E_TRACKER_PID" || exit 1
        for _ in $(seq 1 100); do
            awk '/SIGUSR1 received/ { signalled = 1 }
                 signalled && /access list reloaded from .*: 1 entries/ { reloaded = 1 }
                 END { exit !reloaded }' "$E2E_TRACKER_LOG" && exit 0
            sleep 0.1
        done
        echo "tracker did not log a SIGUSR1 reload of $E2E_DENY_LIST with 1 entry" >&2
        exit 1
        """;
    run =
        new Aria2Transfer(SCRIPT.toAbsolutePath())
            .run(
                tracker.announceUrl(),
                dir.resolve("transfer"),
                Expect.NO_TRANSFER,
                Duration.ofSeconds(15),
                clientEnvironment(
                    Map.of(
                        "E2E_BEFORE_CLIENTS", denyAndReload,
                        "E2E_DENY_LIST", tracker.denyList().toString(),
                        "E2E_TRACKER_PID", Long.toString(tracker.pid()),
                        "E2E_TRACKER_LOG", tracker.log().toString())));

    // exit 0 = no transfer, with the leecher still waiting and the seeder alive at the end
    assertThat(run.exitCode()).as(run::output).isZero();
    final String infoHash = run.infoHash().orElseThrow();
    assertThat(Files.readAllLines(tracker.denyList())).as("deny list").containsExactly(infoHash);
    // The clients failed because the live tracker refused the torrent, not because it was silent.
    assertThat(run.trackerRepliesSeenByLeecher())
        .as("tracker replies or refusals seen by the leecher")
        .hasValueSatisfying(n -> assertThat(n).isPositive());
    // The refusal reached the leecher with aquatic's text (a UDP error reply names no info hash).
    final String thisTracker = "127.0.0.1:" + tracker.port();
    assertThat(Aria2TrackerLog.replies(run.leecherLog()))
        .anySatisfy(reply -> {
          assertThat(reply.tracker()).isEqualTo(thisTracker);
          assertThat(reply.failureReason()).contains("Info hash not allowed");
          reply.infoHash().ifPresent(hash -> assertThat(hash).isEqualTo(infoHash));
        })
        .noneSatisfy(reply -> assertThat(reply.answered()).isTrue());
    final PrometheusText metrics = tracker.metrics();
    assertThat(metrics.sum("aquatic_access_list_entries", Map.of()))
        .as("info hashes in the access list in force")
        .isEqualTo(1);
    assertThat(metrics.sum(RESPONSES, Map.of("type", "error")))
        .as("error responses sent by the tracker")
        .isPositive();
    assertThat(metrics.sum(RESPONSES, Map.of("type", "announce")))
        .as("announce responses sent by the tracker")
        .isZero();
  }

  private static void assertAnnounceAnswered(TrackerReply reply, String tracker, String infoHash) {
    assertThat(reply.tracker()).as("tracker that replied").isEqualTo(tracker);
    assertThat(reply.infoHash()).as("info hash announced").contains(infoHash);
    assertThat(reply.failureReason()).as("failure reason").isEmpty();
  }

  /** {@code extra} plus what the clients need for this protocol: log detail and the test CA. */
  private Map<String, String> clientEnvironment(Map<String, String> extra) {
    final Map<String, String> environment = new HashMap<>(extra);
    // At info aria2c logs UDP tracker replies in full, but the outcome of an HTTP announce (seeders,
    // peers added) only at debug.
    environment.put("E2E_LOG_LEVEL", protocol == TrackerProtocol.UDP ? "info" : "debug");
    tracker
        .pki()
        .ifPresent(pki -> environment.put("E2E_CA_CERT", pki.caCertificate().toString()));
    return environment;
  }

  private void printDiagnostics() {
    if (tracker != null) {
      System.err.println("---- tracker log (" + tracker.log() + ") ----");
      System.err.println(tracker.logText());
    }
    if (run != null) {
      System.err.println("---- e2e-aria2-transfer.sh output ----");
      System.err.println(run.output());
      try {
        tail("seeder", run.seederLog());
        tail("leecher", run.leecherLog());
      } catch (IOException e) {
        System.err.println("(cannot read the aria2c logs: " + e + ")");
      }
    }
  }

  private static void tail(String who, List<String> log) {
    System.err.println("---- tail of the " + who + "'s aria2c log ----");
    log.subList(Math.max(0, log.size() - 40), log.size()).forEach(System.err::println);
  }
}
