package org.aquaticjava.core.persist;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.swarm.TorrentRestore;
import org.aquaticjava.core.time.ServerClock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm restart of a tracker's (IP, port) swarm store: at start, {@link #restore} loads the
 * snapshot named by {@code [persistence] path} (if any) into a new store, continues the previous
 * process's server clock and reuses its connection-id key; while running, {@link #run} writes a
 * snapshot every {@code snapshot_interval} on its own thread; at shutdown, {@link #snapshotNow}
 * writes the last one.
 *
 * <p><b>Loading.</b> A peer keeps its age: the time the tracker was down (wall clock, never
 * negative) is added, and a peer older than the current {@code max_peer_age} is dropped, whatever
 * the writer's {@code max_peer_age} was. Torrents the access list in force rejects are dropped. A
 * missing file is normal. A file that cannot be used (truncated, corrupt, foreign, newer format,
 * unreadable) is logged, renamed aside ({@link SnapshotFile#moveAside}) and the tracker starts
 * empty: a snapshot never stops a tracker from starting.
 *
 * <p><b>Writing.</b> Shard by shard ({@link SnapshotEncoder}), never on a socket worker. A failed
 * snapshot (disk full, unwritable directory) is logged and counted; serving continues and the
 * previous snapshot stays in place. Metrics: {@code aquatic_snapshots_total{result}}, {@code
 * aquatic_snapshot_last_success_timestamp_seconds}, {@code aquatic_snapshot_age_seconds}, {@code
 * aquatic_snapshot_bytes}, {@code aquatic_snapshot_duration_seconds}.
 *
 * <p>Thread-safe: snapshots are serialised.
 */
public final class WarmRestart implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WarmRestart.class);
  /** A continued clock stops short of int overflow by this much (about 194 days). */
  private static final long CLOCK_HEADROOM_SECONDS = 1L << 24;

  private final @Nullable Path path;
  private final long intervalMillis;
  private final SwarmSettings settings;
  private final SwarmStore store;
  private final ServerClock clock;
  private final ConnectionIdKey connectionIdKey;
  private final SnapshotEncoder encoder;
  private final AtomicLong successes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final long startedMillis = System.currentTimeMillis();
  private volatile long lastSuccessMillis;
  private volatile long lastBytes;
  private volatile double lastDurationSeconds;

  private WarmRestart(
      PersistenceConfig config,
      SwarmSettings settings,
      SwarmStore store,
      ServerClock clock,
      ConnectionIdKey connectionIdKey) {
    this.path = config.enabled() ? Path.of(config.path()) : null;
    this.intervalMillis = config.snapshotInterval() * 1000L;
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.connectionIdKey = connectionIdKey;
    this.encoder = new SnapshotEncoder(settings);
  }

  /**
   * A store, clock and key for a starting tracker: restored from the snapshot when persistence is
   * on and the file is usable, fresh otherwise. Never throws for a bad snapshot.
   *
   * @param allowed the access list in force now; torrents it rejects are not restored
   */
  public static WarmRestart restore(
      PersistenceConfig config, SwarmSettings settings, InfoHashFilter allowed) {
    if (config.enabled()) {
      final Path path = Path.of(config.path());
      try {
        return load(config, settings, allowed, path);
      } catch (NoSuchFileException e) {
        log.info("persistence: no snapshot at {} yet; starting with empty swarms", path);
      } catch (SnapshotFormatException e) {
        moveAside(path, e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
      } catch (IOException | RuntimeException e) {
        moveAside(path, "unreadable", e.toString());
      }
    }
    return new WarmRestart(
        config, settings, new SwarmStore(settings), ServerClock.startingNow(), ConnectionIdKey.random());
  }

  private static WarmRestart load(
      PersistenceConfig config, SwarmSettings settings, InfoHashFilter allowed, Path path)
      throws IOException {
    final long startNanos = System.nanoTime();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      final SnapshotReader reader = SnapshotReader.open(in);
      final SnapshotMeta meta = reader.meta();
      final long downSeconds = Math.max(0, System.currentTimeMillis() - meta.wallMillis()) / 1000;
      final long now = meta.clockSeconds() + downSeconds;
      final boolean continued = now <= Integer.MAX_VALUE - CLOCK_HEADROOM_SECONDS;
      final int maxAge = settings.maxPeerAgeSeconds();
      final long[] expired = new long[1];
      final SnapshotReader.AnnounceTimeMapping time =
          written -> {
            if (continued && now - written <= maxAge) {
              return written; // the continued clock keeps announce seconds as they were
            }
            expired[0]++;
            return -1;
          };
      final SwarmStore store = new SwarmStore(settings);
      final TorrentRestore torrent = new TorrentRestore(settings);
      long torrents = 0;
      long peers = 0;
      long denied = 0;
      while (reader.next(torrent, time)) {
        if (!allowed.allows(torrent.infoHash.a, torrent.infoHash.b, torrent.infoHash.c)) {
          denied++;
        } else if (torrent.peerCount() > 0) {
          store.restore(torrent);
          torrents++;
          peers += torrent.peerCount();
        }
      }
      final ServerClock clock =
          continued ? ServerClock.startingAt((int) now) : ServerClock.startingNow();
      log.info(
          "persistence: loaded {} in {} ms: {} torrent records with {} peers restored; {} peers"
              + " expired while the tracker was down for {} s or under max_peer_age {} s (the"
              + " snapshot's was {} s); {} torrent records not allowed by the access list",
          path,
          (System.nanoTime() - startNanos) / 1_000_000,
          torrents,
          peers,
          expired[0],
          downSeconds,
          maxAge,
          meta.maxPeerAgeSeconds(),
          denied);
      return new WarmRestart(config, settings, store, clock, meta.connectionIdKey());
    }
  }

  private static void moveAside(Path path, String reason, String detail) {
    try {
      final Path aside = SnapshotFile.moveAside(path, reason);
      log.error(
          "persistence: snapshot {} is {} ({}); moved aside to {}, starting with empty swarms",
          path, reason, detail, aside);
    } catch (IOException e) {
      log.error(
          "persistence: snapshot {} is {} ({}) and cannot be moved aside ({}); starting with"
              + " empty swarms",
          path, reason, detail, e.toString());
    }
  }

  /** Whether a snapshot path is configured (else {@link #run} must not be started). */
  public boolean enabled() {
    return path != null;
  }

  /** The swarm store to serve from (restored or new). */
  public SwarmStore store() {
    return store;
  }

  /** The server clock (continued from the snapshot or new). */
  public ServerClock clock() {
    return clock;
  }

  /** The key for UDP connection ids (restored or new). */
  public ConnectionIdKey connectionIdKey() {
    return connectionIdKey;
  }

  /** Registers the snapshot metrics (see the class comment); only when {@link #enabled()}. */
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder()
        .name("aquatic_snapshots_total")
        .help("Snapshots written since start, by result")
        .labelNames("result")
        .callback(
            cb -> {
              cb.call(successes.get(), "success");
              cb.call(failures.get(), "failure");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_snapshot_last_success_timestamp_seconds")
        .help("Unix time at which the latest successful snapshot began; 0 before the first")
        .callback(cb -> cb.call(lastSuccessMillis / 1000.0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_snapshot_age_seconds")
        .help("Seconds since the latest successful snapshot began (since start before the first)")
        .callback(
            cb -> {
              final long since = lastSuccessMillis == 0 ? startedMillis : lastSuccessMillis;
              cb.call(Math.max(0, System.currentTimeMillis() - since) / 1000.0);
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_snapshot_bytes")
        .help("Size of the latest successful snapshot")
        .callback(cb -> cb.call(lastBytes))
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_snapshot_duration_seconds")
        .help("Time the latest successful snapshot took to write")
        .callback(cb -> cb.call(lastDurationSeconds))
        .register(registry);
  }

  /** Writes a snapshot every interval until interrupted (the supervisor's stop contract). */
  @Override
  public void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(intervalMillis);
        snapshotNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes a snapshot now, on the calling thread; returns whether it succeeded. A failure is
   * logged and counted, and the previous snapshot stays in place. Does nothing (and returns
   * false) when persistence is off.
   */
  public synchronized boolean snapshotNow() {
    final Path target = path;
    if (target == null) {
      return false;
    }
    final long startNanos = System.nanoTime();
    final long wallMillis = System.currentTimeMillis();
    final SnapshotMeta meta = encoder.meta(clock, wallMillis, connectionIdKey);
    try {
      final SnapshotEncoder.Summary[] summary = new SnapshotEncoder.Summary[1];
      final long bytes = SnapshotFile.write(target, out -> summary[0] = encoder.write(store, clock, meta, out));
      final double seconds = (System.nanoTime() - startNanos) / 1e9;
      lastBytes = bytes;
      lastDurationSeconds = seconds;
      lastSuccessMillis = wallMillis;
      successes.incrementAndGet();
      log.debug(
          "persistence: wrote {} ({} bytes, {} torrent records, {} peers) in {} ms",
          target, bytes, summary[0].torrentRecords(), summary[0].peers(), Math.round(seconds * 1000));
      return true;
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      log.error(
          "persistence: snapshot to {} failed ({}); serving continues, the previous snapshot is"
              + " kept",
          target, e.toString());
      return false;
    }
  }
}
