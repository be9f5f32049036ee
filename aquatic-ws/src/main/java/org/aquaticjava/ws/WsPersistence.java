package org.aquaticjava.ws;

import java.io.IOException;
import java.nio.file.Path;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.persist.SnapshotContent;
import org.aquaticjava.core.persist.SnapshotLoad;
import org.aquaticjava.core.persist.SnapshotMeta;
import org.aquaticjava.core.persist.SnapshotReader;
import org.aquaticjava.core.persist.SnapshotSchedule;
import org.aquaticjava.core.persist.SnapshotWriter;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.TorrentRestore;
import org.aquaticjava.netty.TrackerRuntime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm restart of the WebTorrent tracker. Its peers cannot survive a restart (they are WebSocket
 * connections, which end with the process), but its swarms' completed counts do: snapshots (the
 * core format, torrent records without peers, a zero connection-id key) hold every torrent's
 * count, and at start a torrent restored with its count is kept for {@code max_peer_age} even
 * while empty, so the clients that reconnect find it. Torrents the access list in force rejects
 * are not restored.
 */
final class WsPersistence implements SnapshotContent {
  private static final Logger log = LoggerFactory.getLogger(WsPersistence.class);
  /** WebTorrent issues no connection ids; the META key field holds zeros. */
  private static final ConnectionIdKey NO_KEY = new ConnectionIdKey(0, 0);

  private final WsSwarmStore store;
  private final TrackerRuntime runtime;
  private final int maxPeerAge;
  private final CompletedCounts copy = new CompletedCounts();

  private WsPersistence(WsSwarmStore store, TrackerRuntime runtime, int maxPeerAge) {
    this.store = store;
    this.runtime = runtime;
    this.maxPeerAge = maxPeerAge;
  }

  /**
   * Restores the completed counts from the snapshot into {@code store} (still unserved) and, with
   * persistence on, starts the snapshot worker. Returns the schedule for the last snapshot at
   * shutdown, or null when persistence is off.
   */
  static @Nullable SnapshotSchedule start(WsConfig config, WsSwarmStore store, TrackerRuntime runtime) {
    final PersistenceConfig persistence = config.persistence();
    if (!persistence.enabled()) {
      return null;
    }
    final WsConfig.Cleaning cleaning = config.cleaning();
    final Path path = Path.of(persistence.path());
    final SwarmSettings settings =
        new SwarmSettings(1, cleaning.maxPeerAge(), cleaning.torrentCleaningInterval());
    SnapshotLoad.read(
        path,
        reader -> restore(reader, store, runtime, settings, path));
    final SnapshotSchedule schedule =
        new SnapshotSchedule(persistence, new WsPersistence(store, runtime, cleaning.maxPeerAge()));
    schedule.registerMetrics(runtime.metrics(), TrackerMetrics.WEBTORRENT_SWARMS);
    runtime.supervisor().start(WsTracker.PROTOCOL + "-snapshot", schedule);
    log.info(
        "persistence: completed counts saved every {} s and at shutdown to {}",
        persistence.snapshotInterval(),
        path);
    return schedule;
  }

  private static long restore(
      SnapshotReader reader, WsSwarmStore store, TrackerRuntime runtime, SwarmSettings settings, Path path)
      throws IOException {
    final long startNanos = System.nanoTime();
    final InfoHashFilter allowed = runtime.accessList().current();
    final int keepUntil = runtime.clock().secondsSinceStart() + settings.maxPeerAgeSeconds();
    final TorrentRestore torrent = new TorrentRestore(settings);
    long restored = 0;
    long denied = 0;
    while (reader.next(torrent, written -> -1)) { // peers cannot be restored: drop them all
      final long a = torrent.infoHash.a;
      final long b = torrent.infoHash.b;
      final int c = torrent.infoHash.c;
      if (!allowed.allows(a, b, c)) {
        denied++;
      } else if (torrent.completed() > 0
          && store.restoreCompleted(torrent.ipv6(), a, b, c, torrent.completed(), keepUntil)) {
        restored++;
      }
    }
    log.info(
        "persistence: loaded {} in {} ms: completed counts of {} torrents restored, {} not allowed"
            + " by the access list (WebTorrent peers do not survive a restart)",
        path,
        (System.nanoTime() - startNanos) / 1_000_000,
        restored,
        denied);
    return restored;
  }

  @Override
  public SnapshotMeta meta(long wallMillis) {
    return new SnapshotMeta(wallMillis, runtime.clock().secondsSinceStart(), maxPeerAge, 1, NO_KEY);
  }

  @Override
  public void writeRecords(SnapshotWriter out) throws IOException {
    store.writeCompleted(out, copy);
  }
}
