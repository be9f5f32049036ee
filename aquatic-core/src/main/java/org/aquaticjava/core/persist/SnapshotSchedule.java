package org.aquaticjava.core.persist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.worker.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a tracker's snapshots: every {@code snapshot_interval} on its own thread ({@link #run},
 * started by the supervisor; never a socket worker) and when asked ({@link #snapshotNow}, at
 * shutdown). Each snapshot replaces the file atomically ({@link SnapshotFile}). A failed snapshot
 * (disk full, unwritable directory) is logged and counted; serving continues and the previous
 * snapshot stays in place.
 *
 * <p>Metrics: {@code aquatic_snapshots_total{result}}, {@code
 * aquatic_snapshot_last_success_timestamp_seconds}, {@code aquatic_snapshot_age_seconds}, {@code
 * aquatic_snapshot_bytes}, {@code aquatic_snapshot_duration_seconds}. Thread-safe: snapshots are
 * serialised.
 */
public final class SnapshotSchedule implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

  private final Path path;
  private final long intervalMillis;
  private final SnapshotContent content;
  private final SnapshotWriter writer = new SnapshotWriter();
  private final AtomicLong successes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final long startedMillis = System.currentTimeMillis();
  private volatile long lastSuccessMillis;
  private volatile long lastBytes;
  private volatile double lastDurationSeconds;

  /**
   * @throws IllegalArgumentException if {@code config} has no path
   */
  public SnapshotSchedule(PersistenceConfig config, SnapshotContent content) {
    if (!config.enabled()) {
      throw new IllegalArgumentException("persistence.path is empty: nothing to schedule");
    }
    this.path = Path.of(config.path());
    this.intervalMillis = config.snapshotInterval() * 1000L;
    this.content = content;
  }

  /**
   * Adds this schedule's data points to the snapshot metrics (see the class comment), labelled
   * {@code swarms} with what it saves, so the schedules of one process share one registry.
   *
   * @param swarms {@link TrackerMetrics#BITTORRENT_SWARMS} or {@link
   *     TrackerMetrics#WEBTORRENT_SWARMS}
   */
  public void registerMetrics(TrackerMetrics metrics, String swarms) {
    final List<String> labels = List.of(TrackerMetrics.SWARMS);
    metrics.counterSource(
        "aquatic_snapshots_total",
        "Snapshots written since start, by set of swarms and result",
        List.of(TrackerMetrics.SWARMS, "result"),
        cb -> {
          cb.call(successes.get(), swarms, "success");
          cb.call(failures.get(), swarms, "failure");
        });
    metrics.gaugeSource(
        "aquatic_snapshot_last_success_timestamp_seconds",
        "Unix time at which the latest successful snapshot began; 0 before the first",
        labels,
        cb -> cb.call(lastSuccessMillis / 1000.0, swarms));
    metrics.gaugeSource(
        "aquatic_snapshot_age_seconds",
        "Seconds since the latest successful snapshot began (since start before the first)",
        labels,
        cb -> {
          final long since = lastSuccessMillis == 0 ? startedMillis : lastSuccessMillis;
          cb.call(Math.max(0, System.currentTimeMillis() - since) / 1000.0, swarms);
        });
    metrics.gaugeSource(
        "aquatic_snapshot_bytes", "Size of the latest successful snapshot", labels,
        cb -> cb.call(lastBytes, swarms));
    metrics.gaugeSource(
        "aquatic_snapshot_duration_seconds", "Time the latest successful snapshot took to write", labels,
        cb -> cb.call(lastDurationSeconds, swarms));
  }

  /** Writes a snapshot every interval until interrupted (the supervisor's stop contract). */
  @Override
  public void run() {
    Periodic.every(intervalMillis, this::snapshotNow);
  }

  /**
   * Writes a snapshot now, on the calling thread; returns whether it succeeded. A failure is
   * logged and counted, and the previous snapshot stays in place.
   */
  public synchronized boolean snapshotNow() {
    final long startNanos = System.nanoTime();
    final long wallMillis = System.currentTimeMillis();
    final SnapshotMeta meta = content.meta(wallMillis);
    try {
      final SnapshotWriter.Summary[] summary = new SnapshotWriter.Summary[1];
      final long bytes =
          SnapshotFile.write(
              path,
              out -> {
                writer.begin(meta, out);
                content.writeRecords(writer);
                summary[0] = writer.finish();
              });
      final double seconds = (System.nanoTime() - startNanos) / 1e9;
      lastBytes = bytes;
      lastDurationSeconds = seconds;
      lastSuccessMillis = wallMillis;
      successes.incrementAndGet();
      log.debug(
          "persistence: wrote {} ({} bytes, {} torrent records, {} peers) in {} ms",
          path, bytes, summary[0].torrentRecords(), summary[0].peers(), Math.round(seconds * 1000));
      return true;
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      log.error(
          "persistence: snapshot to {} failed ({}); serving continues, the previous snapshot is"
              + " kept",
          path, e.toString());
      return false;
    }
  }
}
