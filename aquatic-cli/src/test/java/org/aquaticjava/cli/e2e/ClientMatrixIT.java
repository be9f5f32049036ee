package org.aquaticjava.cli.e2e;

import static org.aquaticjava.cli.e2e.ClientFamily.ARIA2;
import static org.aquaticjava.cli.e2e.ClientFamily.QBITTORRENT;
import static org.aquaticjava.cli.e2e.ClientFamily.RTORRENT;
import static org.aquaticjava.cli.e2e.ClientFamily.TRANSMISSION;
import static org.aquaticjava.cli.e2e.TrackerProtocol.HTTP;
import static org.aquaticjava.cli.e2e.TrackerProtocol.HTTPS;
import static org.aquaticjava.cli.e2e.TrackerProtocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aquaticjava.cli.e2e.ClientPairTransfer.Outcome;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end, the client matrix: real BitTorrent clients of four families (aria2, Transmission,
 * rtorrent, qBittorrent), in pairs of a seeder and a leecher of different families, move a file
 * through the packaged trackers over {@code udp://}, {@code http://} and {@code https://} (the
 * clients trust the test CA), each client on its own loopback address with DHT, PEX, LPD and
 * UPnP/NAT-PMP off and a private torrent made for the pair, so the two can meet only through the
 * tracker; the received file is checked by sha256. Over IPv6 ({@code [::1]}) for the clients that
 * can. Per protocol, a pair whose torrent is on the tracker's deny list must not transfer.
 *
 * <p>Every client family transfers over every protocol (as seeder or leecher), so at least three
 * families are proven per protocol. The pairs run in parallel ({@value #PARALLEL_PAIRS} at a time)
 * against one tracker per protocol, each pair with its own torrent; each pair is bounded (about
 * 30 s to the first announce plus 60 s to complete), and every client is stopped by its PID before
 * its pair's result is recorded. Parameterized by {@link TrackerSetup}, so a new way to run the
 * trackers is one more constant.
 *
 * <p>Known client limits that shape the pairs: Transmission does not dial loopback peers (it
 * leeches first, see {@link ClientPair#leecherFirst()}, or seeds); aria2 and rtorrent are never
 * paired (an aria2 leecher loses its connection to an rtorrent seeder after the first pieces,
 * every time: aria2 sends a bitfield message mid-transfer, and the download never completes).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TrackerSetup.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClientMatrixIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final int PARALLEL_PAIRS = 3;
  /** Until every pair has ended; the class's @Timeout leaves a minute beyond it to clean up. */
  private static final Duration MATRIX_TIMEOUT = Duration.ofMinutes(5);
  private static final String RESPONSES = "aquatic_responses_total";

  /**
   * The matrix: per protocol every family seeds or leeches (rtorrent both), a refused pair, and
   * over {@code [::1]} the two families that reach an IPv6 HTTP(S) tracker and two qBittorrents
   * over {@code udp://[::1]}, which no other family reaches (see {@link ClientFamily#reachesIpv6}).
   * Refused pairs first: they take the longest (a fixed watch time).
   */
  static final List<ClientPair> PAIRS =
      Stream.concat(
              Stream.of(UDP, HTTP, HTTPS)
                  .flatMap(
                      protocol ->
                          Stream.of(
                              ClientPair.refused(RTORRENT, QBITTORRENT, protocol),
                              ClientPair.transfer(RTORRENT, QBITTORRENT, protocol),
                              ClientPair.transfer(QBITTORRENT, RTORRENT, protocol),
                              ClientPair.transfer(QBITTORRENT, TRANSMISSION, protocol),
                              ClientPair.transfer(TRANSMISSION, ARIA2, protocol))),
              Stream.of(
                  ClientPair.transferIpv6(QBITTORRENT, ARIA2, HTTP),
                  ClientPair.transferIpv6(ARIA2, QBITTORRENT, HTTPS),
                  ClientPair.transferIpv6(QBITTORRENT, QBITTORRENT, UDP)))
          .sorted((a, b) -> Boolean.compare(b.denied(), a.denied()))
          .toList();

  private final TrackerSetup setup;
  @TempDir Path dir;
  private final Map<TrackerProtocol, TrackerProcess> trackers =
      new EnumMap<>(TrackerProtocol.class);

  ClientMatrixIT(TrackerSetup setup) {
    this.setup = setup;
  }

  @AfterEach
  void stopTrackers() {
    for (TrackerProcess tracker : distinctTrackers()) {
      tracker.close();
    }
  }

  @Test
  void pairsOfDifferentClientsTransferOnlyThroughTheTracker() throws Exception {
    final Set<String> programs = new LinkedHashSet<>(List.of("mktorrent", "bash"));
    PAIRS.forEach(pair -> {
      programs.addAll(pair.seeder().programs());
      programs.addAll(pair.leecher().programs());
    });
    RequiredTools.requireOnPath(programs.toArray(String[]::new));

    final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PAIRS);
    final List<Outcome> outcomes = new ArrayList<>();
    try {
      final Map<TrackerProtocol, Future<TrackerProcess>> starting =
          new EnumMap<>(TrackerProtocol.class);
      for (TrackerProtocol protocol : protocols()) {
        starting.put(protocol, pool.submit(() -> setup.start(JAR.toAbsolutePath(), dir, protocol)));
      }
      for (Map.Entry<TrackerProtocol, Future<TrackerProcess>> entry : starting.entrySet()) {
        trackers.put(entry.getKey(), entry.getValue().get(60, TimeUnit.SECONDS));
      }
      final List<Future<Outcome>> running = new ArrayList<>();
      for (ClientPair pair : PAIRS) {
        final Path pairDir = Files.createDirectories(dir.resolve("pairs").resolve(pair.id()));
        running.add(pool.submit(() -> runGuarded(pair, pairDir)));
      }
      // One deadline for the whole matrix (within the class's @Timeout), so that a hung pair
      // fails the test with the outcomes of every pair that did finish.
      final long deadline = System.nanoTime() + MATRIX_TIMEOUT.toNanos();
      for (Future<Outcome> future : running) {
        outcomes.add(future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
      }
    } catch (TimeoutException e) {
      throw new AssertionError("the client matrix outran its bound; done so far: " + outcomes, e);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }

    System.out.println("client matrix (" + setup + "):");
    outcomes.forEach(
        o ->
            System.out.printf(
                "  %-5s %-70s %5.1f s%n", o.ok() ? "OK" : "FAIL", o.pair(), o.seconds()));
    final SoftAssertions softly = new SoftAssertions();
    for (Outcome outcome : outcomes) {
      softly.assertThat(outcome.ok()).as(() -> outcome.pair() + ": " + outcome.detail()).isTrue();
    }
    for (TrackerProtocol protocol : protocols()) {
      final PrometheusText metrics = trackers.get(protocol).metrics();
      final boolean refusedHere =
          PAIRS.stream().anyMatch(p -> p.denied() && p.protocol() == protocol);
      softly
          .assertThat(metrics.sum(RESPONSES, Map.of("type", "error")))
          .as(protocol + " tracker error responses (the refused torrent's announces)")
          .matches(errors -> refusedHere == errors > 0);
      // Nothing a real client sent may have been unparsable or dropped.
      if (protocol == UDP) {
        softly
            .assertThat(metrics.sum("aquatic_dropped_requests_total", Map.of()))
            .as(protocol + " tracker datagrams dropped (any reason)")
            .isZero();
      } else {
        softly
            .assertThat(metrics.sum("aquatic_requests_total", Map.of("type", "invalid")))
            .as(protocol + " tracker invalid requests")
            .isZero();
        softly
            .assertThat(
                metrics.sum("aquatic_http_failure_responses_total", Map.of())
                    - metrics.sum(
                        "aquatic_http_failure_responses_total",
                        Map.of("reason", "info_hash_not_allowed")))
            .as(protocol + " tracker failure responses for another reason than the deny list")
            .isZero();
      }
    }
    softly.assertAll();
    assertThat(familiesPerProtocol())
        .as("client families that transferred, per protocol")
        .allSatisfy((protocol, families) -> assertThat(families).hasSizeGreaterThanOrEqualTo(3));

    for (TrackerProcess tracker : distinctTrackers()) {
      assertThat(tracker.stop())
          .as(() -> "tracker exit status on SIGTERM; log:\n" + tracker.logText())
          .isZero();
    }
  }

  /** Runs one pair; an exception becomes a failed outcome, so the other pairs still report. */
  private Outcome runGuarded(ClientPair pair, Path pairDir) {
    try {
      return ClientPairTransfer.run(pair, trackers.get(pair.protocol()), pairDir);
    } catch (Exception e) {
      return new Outcome(pair, false, "failed: " + e, 0);
    }
  }

  private static Set<TrackerProtocol> protocols() {
    return PAIRS.stream()
        .map(ClientPair::protocol)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static Map<TrackerProtocol, Set<ClientFamily>> familiesPerProtocol() {
    final Map<TrackerProtocol, Set<ClientFamily>> families = new EnumMap<>(TrackerProtocol.class);
    for (ClientPair pair : PAIRS) {
      if (!pair.denied()) {
        final Set<ClientFamily> set =
            families.computeIfAbsent(pair.protocol(), p -> new LinkedHashSet<>());
        set.add(pair.seeder());
        set.add(pair.leecher());
      }
    }
    return families;
  }

  private List<TrackerProcess> distinctTrackers() {
    final Set<TrackerProcess> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(trackers.values());
    return List.copyOf(distinct);
  }
}
