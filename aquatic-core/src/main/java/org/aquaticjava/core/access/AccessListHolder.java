package org.aquaticjava.core.access;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.AccessListMode;
import org.aquaticjava.core.files.PolledFileWatcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access list in force, replaced atomically and all-or-nothing on reload.
 *
 * <p>Readers call {@link #current()} (one volatile read) and may keep the snapshot for a batch;
 * it never changes underneath them. {@link #reload()} may be called from any thread (the file
 * watcher, a SIGUSR1 handler); reloads are serialized. A file that fails to load keeps the
 * previous list and is logged with the failing line; only the start-up load ({@link #load}) is
 * fatal.
 *
 * <p>With {@code mode = off} the file is never read and {@link #current()} allows everything.
 */
public final class AccessListHolder {
  private static final Logger log = LoggerFactory.getLogger(AccessListHolder.class);

  private final AccessListMode mode;
  private final Path path;
  private final AtomicLong reloadSuccesses = new AtomicLong();
  private final AtomicLong reloadFailures = new AtomicLong();
  private volatile AccessList current;
  private @Nullable PolledFileWatcher fileWatcher;

  private AccessListHolder(AccessListMode mode, Path path) {
    this.mode = mode;
    this.path = path;
    this.current = AccessList.off();
  }

  /**
   * Loads the configured list for start-up.
   *
   * @throws AccessListException if the mode needs the file and it cannot be loaded; the message
   *     names {@code file:line} and is meant to stop start-up
   */
  public static AccessListHolder load(AccessListConfig config) throws AccessListException {
    final AccessListHolder holder = new AccessListHolder(config.mode(), Path.of(config.path()));
    if (holder.usesFile()) {
      // the watcher's baseline is taken before reading: a change during the read is seen again
      holder.fileWatcher =
          new PolledFileWatcher(
              "access list",
              List.of(holder.path),
              PolledFileWatcher.DEFAULT_POLL_INTERVAL,
              holder::reload);
      holder.current = AccessListLoader.load(holder.path, holder.mode);
      log.info(
          "access list ({} mode) loaded from {}: {} entries",
          holder.mode.name().toLowerCase(Locale.ROOT),
          holder.path,
          holder.current.size());
    }
    return holder;
  }

  /** The list in force: a stable snapshot, safe to use from any thread. */
  public AccessList current() {
    return current;
  }

  /** Whether the mode reads the file at all (not {@code off}); only then is watching useful. */
  public boolean usesFile() {
    return mode != AccessListMode.OFF;
  }

  /** The configured file. */
  public Path path() {
    return path;
  }

  /**
   * Re-reads the file and swaps the new list in if, and only if, the whole file is valid.
   * Serialized with other reloads; the previous list stays in force while the file is read.
   */
  public synchronized AccessListReload reload() {
    if (!usesFile()) {
      return new AccessListReload(true, 0, "access list is off; nothing to reload");
    }
    try {
      final AccessList loaded = AccessListLoader.load(path, mode);
      current = loaded;
      reloadSuccesses.incrementAndGet();
      final String message = "access list reloaded from " + path + ": " + loaded.size() + " entries";
      log.info(message);
      return new AccessListReload(true, loaded.size(), message);
    } catch (AccessListException e) {
      reloadFailures.incrementAndGet();
      final String message =
          "access list reload failed, keeping the previous "
              + current.size()
              + " entries: "
              + e.getMessage();
      log.error(message);
      return new AccessListReload(false, current.size(), message);
    }
  }

  /**
   * A watcher that reloads this list when its file changes, checking every second; run it on a
   * supervised thread. Empty with {@code mode = off}. After a reload triggered elsewhere (SIGUSR1)
   * it reloads once more, which changes nothing.
   */
  public Optional<PolledFileWatcher> fileWatcher() {
    return Optional.ofNullable(fileWatcher);
  }

  /** Successful reloads since start (the start-up load not counted). */
  public long reloadSuccesses() {
    return reloadSuccesses.get();
  }

  /** Failed reloads since start. */
  public long reloadFailures() {
    return reloadFailures.get();
  }
}
