package org.aquaticjava.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.InfoHash;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.aquaticjava.core.swarm.PeerWords;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots written from a store on a controlled clock and loaded by {@link WarmRestart#restore}
 * from real files: what survives (peers with their ages, completed counts, the key and the
 * clock), what is dropped (peers expired while down or under a shorter max_peer_age, torrents the
 * access list rejects), and damaged files (moved aside, start empty).
 */
class WarmRestartTest {
  private static final SwarmSettings SETTINGS = new SwarmSettings(64, 1200, 120);
  private static final ConnectionIdKey KEY = new ConnectionIdKey(0x1234, 0x5678);
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  private final AtomicLong nanos = new AtomicLong();
  private final ServerClock clock = new ServerClock(nanos::get);
  private final AnnounceSlot req = new AnnounceSlot(200);
  private final ScrapeCounts counts = new ScrapeCounts();

  private Path snapshot() {
    return dir.resolve("swarms.snapshot");
  }

  private PersistenceConfig config() {
    return new PersistenceConfig(snapshot().toString(), 60);
  }

  private static InfoHash hash(int torrent) {
    return new InfoHash().set(torrent, ~torrent, torrent * 31);
  }

  private void announceV4(SwarmStore store, int torrent, int ip, boolean seeder, boolean completed) {
    reset(torrent, seeder, completed);
    req.ipv4 = ip;
    store.announce(req, clock.secondsSinceStart());
  }

  private void announceV6(SwarmStore store, int torrent, long low, boolean seeder) {
    reset(torrent, seeder, false);
    req.ipv6 = true;
    req.ipv6High = 0x2001_0db8_0000_0000L;
    req.ipv6Low = low;
    store.announce(req, clock.secondsSinceStart());
  }

  private void reset(int torrent, boolean seeder, boolean completed) {
    final InfoHash h = hash(torrent);
    req.infoHash.set(h.a, h.b, h.c);
    req.ipv6 = false;
    req.port = 6881;
    req.seeder = seeder;
    req.stopped = false;
    req.completed = completed;
    req.peersWanted = 200;
  }

  private void advance(int seconds) {
    nanos.addAndGet(seconds * SECOND);
  }

  /** Writes a snapshot of {@code store} as if it began {@code downSeconds} before now. */
  private SnapshotWriter.Summary write(SwarmStore store, SwarmSettings settings, int downSeconds)
      throws IOException {
    final SnapshotEncoder encoder = new SnapshotEncoder(settings);
    final SnapshotMeta meta =
        encoder.meta(clock, System.currentTimeMillis() - downSeconds * 1000L, KEY);
    final SnapshotWriter writer = new SnapshotWriter();
    final SnapshotWriter.Summary[] summary = new SnapshotWriter.Summary[1];
    SnapshotFile.write(
        snapshot(),
        out -> {
          writer.begin(meta, out);
          encoder.write(store, clock, writer);
          summary[0] = writer.finish();
        });
    return summary[0];
  }

  private ScrapeCounts scrape(SwarmStore store, int torrent, boolean ipv6) {
    store.scrape(hash(torrent), ipv6, counts);
    return counts;
  }

  /** The IPv4 addresses a fresh peer of {@code torrent} is given by {@code store}. */
  private Set<Integer> peersSeenBy(WarmRestart restored, int torrent) {
    reset(torrent, false, false);
    req.ipv4 = 0x0A00_00FF;
    req.port = 1;
    restored.store().announce(req, restored.clock().secondsSinceStart());
    final Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < req.peerCount; i++) {
      seen.add(PeerWords.ipv4(req.peerWords[i]));
    }
    return seen;
  }

  @Test
  void peersCompletedCountsKeyAndClockSurviveARestart() throws IOException {
    final SwarmStore store = new SwarmStore(SETTINGS);
    announceV4(store, 1, 0x0A00_0001, false, false);
    announceV4(store, 1, 0x0A00_0002, true, true);
    announceV4(store, 1, 0x0A00_0003, true, true);
    announceV6(store, 2, 1, true);
    announceV6(store, 2, 2, false);
    for (int i = 0; i < 40_000; i++) { // more than one record's worth of peers
      announceV4(store, 3, 0x0B00_0000 + i, i % 4 == 0, false);
    }
    advance(100);
    final SnapshotWriter.Summary written = write(store, SETTINGS, 50);
    assertThat(written.peers()).isEqualTo(40_005);
    assertThat(written.torrentRecords()).isEqualTo(4); // torrent 3 split in two records

    final WarmRestart restored = WarmRestart.restore(config(), SETTINGS, InfoHashFilter.ALLOW_ALL);

    assertThat(restored.connectionIdKey()).isEqualTo(KEY);
    // The clock continues: 100 s of running plus (about) 50 s of being down.
    assertThat(restored.clock().secondsSinceStart()).isBetween(150, 152);
    final ScrapeCounts one = scrape(restored.store(), 1, false);
    assertThat(one.seeders).isEqualTo(2);
    assertThat(one.leechers).isEqualTo(1);
    assertThat(one.completed).isEqualTo(2);
    final ScrapeCounts two = scrape(restored.store(), 2, true);
    assertThat(two.seeders).isEqualTo(1);
    assertThat(two.leechers).isEqualTo(1);
    final ScrapeCounts three = scrape(restored.store(), 3, false);
    assertThat(three.seeders + three.leechers).isEqualTo(40_000);
    assertThat(three.seeders).isEqualTo(10_000);
    assertThat(scrape(restored.store(), 2, false).leechers).isZero(); // families stay apart
    assertThat(peersSeenBy(restored, 1)).containsExactlyInAnyOrder(0x0A00_0001, 0x0A00_0002, 0x0A00_0003);
  }

  @Test
  void restoredPeersKeepTheirAgeAndExpireOnTime() throws IOException {
    final SwarmStore store = new SwarmStore(SETTINGS);
    announceV4(store, 1, 0x0A00_0001, false, false);
    advance(1000);
    announceV4(store, 1, 0x0A00_0002, false, false);
    advance(100);
    write(store, SETTINGS, 150); // ages at load: 1250 s (expired while down) and 250 s

    final WarmRestart restored = WarmRestart.restore(config(), SETTINGS, InfoHashFilter.ALLOW_ALL);
    assertThat(peersSeenBy(restored, 1)).containsExactly(0x0A00_0002);

    // The survivor is 250 s old: a cleaning 960 s later keeps it, one 1000 s later removes it.
    final int now = restored.clock().secondsSinceStart();
    restored.store().clean(now + 940, InfoHashFilter.ALLOW_ALL);
    assertThat(scrape(restored.store(), 1, false).leechers).isEqualTo(2); // with the probe peer
    restored.store().clean(now + 1000 + 1200, InfoHashFilter.ALLOW_ALL);
    assertThat(scrape(restored.store(), 1, false).leechers).isZero();
  }

  @Test
  void aSnapshotOfATrackerWithAnotherMaxPeerAgeIsJudgedByTheCurrentOne() throws IOException {
    final SwarmSettings longLived = new SwarmSettings(64, 7200, 120);
    final SwarmStore store = new SwarmStore(longLived);
    announceV4(store, 1, 0x0A00_0001, false, false);
    advance(3000);
    announceV4(store, 1, 0x0A00_0002, false, false);
    advance(100); // ages 3100 s and 100 s
    write(store, longLived, 0);

    final SwarmSettings shortLived = new SwarmSettings(16, 600, 60);
    final WarmRestart strict = WarmRestart.restore(config(), shortLived, InfoHashFilter.ALLOW_ALL);
    assertThat(peersSeenBy(strict, 1)).containsExactly(0x0A00_0002);

    final WarmRestart lenient =
        WarmRestart.restore(config(), new SwarmSettings(4, 86_400, 3600), InfoHashFilter.ALLOW_ALL);
    assertThat(peersSeenBy(lenient, 1)).containsExactlyInAnyOrder(0x0A00_0001, 0x0A00_0002);
  }

  @Test
  void torrentsTheAccessListNowRejectsAreNotRestored() throws IOException {
    final SwarmStore store = new SwarmStore(SETTINGS);
    announceV4(store, 1, 0x0A00_0001, false, true);
    announceV4(store, 2, 0x0A00_0001, false, true);
    write(store, SETTINGS, 0);
    final InfoHash denied = hash(2);
    final WarmRestart restored =
        WarmRestart.restore(
            config(), SETTINGS, (a, b, c) -> !(a == denied.a && b == denied.b && c == denied.c));
    assertThat(scrape(restored.store(), 1, false).completed).isEqualTo(1);
    assertThat(scrape(restored.store(), 2, false).completed).isZero();
  }

  @Test
  void aMissingFileStartsEmptyWithAFreshKey() {
    final WarmRestart restored = WarmRestart.restore(config(), SETTINGS, InfoHashFilter.ALLOW_ALL);
    assertThat(restored.connectionIdKey()).isNotEqualTo(KEY);
    assertThat(restored.clock().secondsSinceStart()).isLessThan(5);
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void damagedFilesAreMovedAsideAndTheTrackerStartsEmpty() throws IOException {
    final SwarmStore store = new SwarmStore(SETTINGS);
    announceV4(store, 1, 0x0A00_0001, false, true);
    advance(500);
    write(store, SETTINGS, 0);
    final byte[] good = Files.readAllBytes(snapshot());

    final byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x40;
    final byte[] newer = good.clone();
    newer[9] = (byte) (SnapshotFormat.VERSION + 1);
    assertStartsEmptyAndMovesAside(flipped, "corrupt");
    assertStartsEmptyAndMovesAside(Arrays.copyOf(good, good.length - 3), "truncated");
    assertStartsEmptyAndMovesAside(Arrays.copyOf(good, SnapshotFormat.HEADER_LENGTH), "truncated");
    assertStartsEmptyAndMovesAside(newer, "newer-version");
    assertStartsEmptyAndMovesAside("peers = 3\n".getBytes(), "foreign");
    final byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertStartsEmptyAndMovesAside(trailing, "corrupt");
  }

  private void assertStartsEmptyAndMovesAside(byte[] content, String reason) throws IOException {
    Files.write(snapshot(), content);
    final WarmRestart restored = WarmRestart.restore(config(), SETTINGS, InfoHashFilter.ALLOW_ALL);
    assertThat(scrape(restored.store(), 1, false).leechers).as(reason).isZero();
    assertThat(restored.clock().secondsSinceStart()).as(reason).isLessThan(5);
    assertThat(snapshot()).as(reason).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      final Path aside =
          files.filter(p -> p.getFileName().toString().startsWith("swarms.snapshot." + reason + "-"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no file moved aside as " + reason));
      assertThat(Files.readAllBytes(aside)).isEqualTo(content);
      Files.delete(aside); // the next case may land on the same second
    }
  }

  @Test
  void aFailedSnapshotIsCountedAndKeepsThePreviousOne() throws IOException {
    final WarmRestart running = WarmRestart.restore(config(), SETTINGS, InfoHashFilter.ALLOW_ALL);
    final TrackerMetrics metrics = new TrackerMetrics();
    running.registerMetrics(metrics);
    final PrometheusRegistry registry = metrics.registry();
    announceV4(running.store(), 1, 0x0A00_0001, false, true);
    assertThat(running.snapshotNow()).isTrue();
    final byte[] previous = Files.readAllBytes(snapshot());
    assertThat(Files.getPosixFilePermissions(snapshot()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    // The temporary file's name is taken by a non-empty directory: the write cannot happen
    // (permission bits would not stop a test running as root).
    final Path blocker = Files.createDirectory(dir.resolve("swarms.snapshot.tmp"));
    Files.writeString(blocker.resolve("keep"), "x");
    announceV4(running.store(), 1, 0x0A00_0002, false, true);
    assertThat(running.snapshotNow()).isFalse();

    assertThat(Files.readAllBytes(snapshot())).isEqualTo(previous);
    assertThat(counter(registry, "success")).isEqualTo(1);
    assertThat(counter(registry, "failure")).isEqualTo(1);

    Files.delete(blocker.resolve("keep"));
    Files.delete(blocker);
    assertThat(running.snapshotNow()).isTrue();
    final WarmRestart restored = WarmRestart.restore(config(), SETTINGS, InfoHashFilter.ALLOW_ALL);
    assertThat(scrape(restored.store(), 1, false).completed).isEqualTo(2);
  }

  private static double counter(PrometheusRegistry registry, String result) {
    return registry.scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals("aquatic_snapshots"))
        .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
        .filter(d -> d.getLabels().get("result").equals(result))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
        .sum();
  }
}
