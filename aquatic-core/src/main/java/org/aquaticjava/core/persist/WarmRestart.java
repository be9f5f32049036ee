package org.aquaticjava.core.persist;

import java.io.IOException;
import java.nio.file.Path;
import org.aquaticjava.core.metrics.TrackerMetrics;
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
 * writes the last one (see {@link SnapshotSchedule}).
 *
 * <p><b>Loading.</b> A peer keeps its age: the time the tracker was down (wall clock, never
 * negative) is added, and a peer older than the current {@code max_peer_age} is dropped, whatever
 * the writer's {@code max_peer_age} was. Torrents the access list in force rejects are dropped. A
 * missing or unusable file means starting empty ({@link SnapshotLoad}).
 *
 * <p>Thread-safe.
 */
public final class WarmRestart implements Runnable, SnapshotContent {
  private static final Logger log = LoggerFactory.getLogger(WarmRestart.class);
  /** A continued clock stops short of int overflow by this much (about 194 days). */
  private static final long CLOCK_HEADROOM_SECONDS = 1L << 24;

  private final SwarmStore store;
  private final ServerClock clock;
  private final ConnectionIdKey connectionIdKey;
  private final SnapshotEncoder encoder;
  private final @Nullable SnapshotSchedule schedule;

  private WarmRestart(
      PersistenceConfig config,
      SwarmSettings settings,
      SwarmStore store,
      ServerClock clock,
      ConnectionIdKey connectionIdKey) {
    this.store = store;
    this.clock = clock;
    this.connectionIdKey = connectionIdKey;
    this.encoder = new SnapshotEncoder(settings);
    this.schedule = config.enabled() ? new SnapshotSchedule(config, this) : null;
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
      final var restored =
          SnapshotLoad.read(path, reader -> load(config, settings, allowed, path, reader));
      if (restored.isPresent()) {
        return restored.get();
      }
    }
    return new WarmRestart(
        config, settings, new SwarmStore(settings), ServerClock.startingNow(), ConnectionIdKey.random());
  }

  /**
   * A store, clock and key made from a snapshot another node streamed to this one (a cluster's
   * state transfer), exactly as from a file: the clock continues the sender's (so its connection
   * ids and announce times hold here), peers keep their ages and the access list applies.
   *
   * @param source how the log names where the snapshot came from
   * @throws IOException if the stream is not a whole, valid snapshot
   */
  public static WarmRestart fromTransfer(
      PersistenceConfig config,
      SwarmSettings settings,
      InfoHashFilter allowed,
      String source,
      SnapshotReader reader)
      throws IOException {
    return load(config, settings, allowed, source, reader);
  }

  private static WarmRestart load(
      PersistenceConfig config,
      SwarmSettings settings,
      InfoHashFilter allowed,
      Object source,
      SnapshotReader reader)
      throws IOException {
    final long startNanos = System.nanoTime();
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
        source,
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

  /** Whether a snapshot path is configured (else {@link #run} must not be started). */
  public boolean enabled() {
    return schedule != null;
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

  @Override
  public SnapshotMeta meta(long wallMillis) {
    return encoder.meta(clock, wallMillis, connectionIdKey);
  }

  @Override
  public void writeRecords(SnapshotWriter out) throws IOException {
    encoder.write(store, clock, out);
  }

  /** Registers the snapshot metrics ({@link SnapshotSchedule}); only when {@link #enabled()}. */
  public void registerMetrics(TrackerMetrics metrics) {
    if (schedule != null) {
      schedule.registerMetrics(metrics, TrackerMetrics.BITTORRENT_SWARMS);
    }
  }

  /** Writes a snapshot every interval until interrupted; only when {@link #enabled()}. */
  @Override
  public void run() {
    if (schedule != null) {
      schedule.run();
    }
  }

  /** See {@link SnapshotSchedule#snapshotNow}; false when persistence is off. */
  public boolean snapshotNow() {
    return schedule != null && schedule.snapshotNow();
  }
}
