package org.aquaticjava.udp;

import static org.aquaticjava.udp.Hashes.hex;
import static org.aquaticjava.udp.Hashes.infoHash;
import static org.aquaticjava.udp.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import org.aquaticjava.core.access.AccessListException;
import org.aquaticjava.core.config.AccessListMode;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.UdpTestClient.ScrapeStats;
import org.aquaticjava.testkit.UdpTrackerErrorException;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access list seen from a client: refusals, reloads by the file watcher and by {@link
 * org.aquaticjava.netty.TrackerRuntime#reload()} (what SIGUSR1 runs), bad files, and eviction of
 * swarms that stopped being allowed. The list is the runtime's, not the socket's, so one transport
 * suffices.
 */
class AccessListIntegrationTest {
  private static final byte[] LISTED = infoHash(1);
  private static final byte[] UNLISTED = infoHash(2);

  @TempDir Path dir;

  private UdpTracker start(AccessListMode mode, Path file) throws Exception {
    return TestTrackers.start(
        TestTrackers.config(
            IoTransportChoice.AUTO,
            """
            [cleaning]
            torrent_cleaning_interval = 1
            [access_list]
            mode = "%s"
            path = '%s'
            """
                .formatted(mode.name().toLowerCase(Locale.ROOT), file)));
  }

  /** Replaces the file the way deploy tools do: write a temporary file, rename it over. */
  private void replace(Path file, String content) throws IOException {
    final Path tmp = Files.createTempFile(dir, "access", ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void announce(UdpTestClient client, byte[] hash) throws IOException {
    client.announce(hash, peerId(1), 6881, AnnounceEvent.STARTED, 0);
  }

  private static void assertRefused(UdpTestClient client, byte[] hash) {
    assertThatThrownBy(() -> announce(client, hash))
        .isInstanceOf(UdpTrackerErrorException.class)
        .hasMessage("Info hash not allowed");
  }

  @Test
  void allowModeServesListedHashesAndPicksUpARenamedFile() throws Exception {
    final Path file = dir.resolve("allow.txt");
    replace(file, "# allowed\n" + hex(LISTED) + "\n");
    try (UdpTracker tracker = start(AccessListMode.ALLOW, file);
        UdpTestClient v4 = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker));
        UdpTestClient v6 = UdpTestClient.open(LoopbackFamily.IPV6.of(tracker))) {
      announce(v4, LISTED);
      announce(v6, LISTED);
      assertRefused(v4, UNLISTED);
      assertRefused(v6, UNLISTED);
      assertThat(v4.scrape(UNLISTED)).containsExactly(new ScrapeStats(0, 0, 0));

      replace(file, hex(LISTED) + "\n" + hex(UNLISTED).toUpperCase() + "\n");
      await()
          .atMost(Duration.ofSeconds(6))
          .pollInterval(Duration.ofMillis(250))
          .ignoreException(UdpTrackerErrorException.class)
          .untilAsserted(() -> announce(v4, UNLISTED));
      announce(v6, UNLISTED);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_access_list_entries")).isEqualTo(2);
    }
  }

  @Test
  void aFileStartingWithAUtf8ByteOrderMarkIsReadAtStartAndOnReload() throws Exception {
    final Path file = dir.resolve("allow.txt");
    replace(file, "\uFEFF" + hex(LISTED) + "\n"); // as Notepad saves "UTF-8 with BOM"
    try (UdpTracker tracker = start(AccessListMode.ALLOW, file);
        UdpTestClient client = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker))) {
      announce(client, LISTED);
      assertRefused(client, UNLISTED);

      replace(file, "\uFEFF" + hex(UNLISTED) + "\n");
      tracker.runtime().reload();
      announce(client, UNLISTED);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_access_list_reloads_total", "result", "failure")).isZero();
    }
  }

  @Test
  void reloadAppliesAChangedFileAtOnceAndABadFileKeepsTheOldList() throws Exception {
    final Path file = dir.resolve("allow.txt");
    replace(file, hex(LISTED) + "\n");
    try (UdpTracker tracker = start(AccessListMode.ALLOW, file);
        UdpTestClient client = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker))) {
      assertRefused(client, UNLISTED);

      replace(file, hex(UNLISTED) + "\n");
      tracker.runtime().reload(); // synchronous: the watcher needs two polls, this does not
      announce(client, UNLISTED);
      assertRefused(client, LISTED);

      replace(file, hex(LISTED) + "\nnot a hash\n");
      tracker.runtime().reload();
      announce(client, UNLISTED);
      assertRefused(client, LISTED);
      assertThat(
              MetricValues.sum(tracker.runtime().metrics(),
                      "aquatic_access_list_reloads_total", "result", "failure"))
          .isEqualTo(1);
    }
  }

  @Test
  void denyModeRefusesListedHashesOnly() throws Exception {
    final Path file = dir.resolve("deny.txt");
    replace(file, hex(LISTED) + "\n");
    try (UdpTracker tracker = start(AccessListMode.DENY, file);
        UdpTestClient client = UdpTestClient.open(LoopbackFamily.IPV6.of(tracker))) {
      assertRefused(client, LISTED);
      announce(client, UNLISTED);
    }
  }

  @Test
  void swarmsThatBecomeDisallowedAreEvictedAtTheNextCleaning() throws Exception {
    final Path file = dir.resolve("allow.txt");
    replace(file, hex(LISTED) + "\n" + hex(UNLISTED) + "\n");
    try (UdpTracker tracker = start(AccessListMode.ALLOW, file);
        UdpTestClient v4 = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker));
        UdpTestClient v6 = UdpTestClient.open(LoopbackFamily.IPV6.of(tracker))) {
      announce(v4, LISTED);
      announce(v6, LISTED);
      announce(v4, UNLISTED);
      replace(file, hex(UNLISTED) + "\n");
      tracker.runtime().reload();
      // Scrapes are not filtered: the swarm is visible until the cleaning worker drops it.
      await()
          .atMost(Duration.ofSeconds(4))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                assertThat(v4.scrape(LISTED)).containsExactly(new ScrapeStats(0, 0, 0));
                assertThat(v6.scrape(LISTED)).containsExactly(new ScrapeStats(0, 0, 0));
              });
      assertThat(v4.scrape(UNLISTED)).containsExactly(new ScrapeStats(1, 0, 0));
    }
  }

  @Test
  void startFailsClearlyOnAMissingOrBadFile() throws Exception {
    final Path missing = dir.resolve("missing.txt");
    assertThatThrownBy(() -> start(AccessListMode.ALLOW, missing))
        .isInstanceOf(AccessListException.class)
        .hasMessageContaining(missing.toString());

    final Path bad = dir.resolve("bad.txt");
    replace(bad, hex(LISTED) + "\n" + hex(LISTED).substring(1) + "\n");
    assertThatThrownBy(() -> start(AccessListMode.DENY, bad))
        .isInstanceOf(AccessListException.class)
        .hasMessageContaining(bad + ":2");

    // nothing of the failed starts lingers: a tracker with the same settings starts fine
    replace(bad, hex(LISTED) + "\n");
    try (UdpTracker tracker = start(AccessListMode.DENY, bad);
        UdpTestClient client = UdpTestClient.open(LoopbackFamily.IPV4.of(tracker))) {
      assertRefused(client, LISTED);
    }
  }
}
