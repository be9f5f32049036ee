package org.aquaticjava.core.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a reload action when any of a set of files changes. Run it on a supervised thread; it
 * returns when the thread is interrupted.
 *
 * <p><b>Why polling, not {@code WatchService}:</b> editors and deploy tools replace files by
 * writing a temporary file and renaming it over the old one, Kubernetes swaps a symlink, certbot
 * swaps the target of {@code live/} links, and configuration management may rewrite in place. A
 * {@code WatchService} on the parent directory sees only some of these (not a swapped symlink
 * target, not a mount), and on some platforms it is itself a polling fallback. Checking size,
 * modification time and inode of each resolved file once per interval (one {@code stat} per file)
 * sees all of them.
 *
 * <p>A change is reloaded only once every file has looked the same for two polls in a row, so a
 * file caught half-written is not loaded, and a certificate and key replaced one after the other
 * are reloaded together (if they were not, the next change fixes it). While any file is missing
 * nothing is reloaded and whatever was loaded stays in force. The stamps are taken before the
 * reload runs, so a change made during the reload is seen and reloaded again. Reloads triggered
 * elsewhere (SIGUSR1) are not known to the watcher: it reloads once more after them, which is
 * harmless because reloads are idempotent. Limitation: an in-place rewrite with the same size
 * within the file system's timestamp granularity is missed; use rename-replace or SIGUSR1 then.
 *
 * <p>Thread-safety: one instance runs on one thread; {@code reload} is called on that thread and
 * must be safe against concurrent calls from elsewhere.
 */
public final class PolledFileWatcher implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(PolledFileWatcher.class);

  /** Default interval between checks. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private final String what;
  private final List<Path> files;
  private final Duration pollInterval;
  private final Runnable reload;
  private @Nullable List<@Nullable FileStamp> lastAttempt;

  /**
   * A watcher whose baseline is the files as they are now (call it right after loading them).
   *
   * @param what what the files hold, for log lines ("access list", "TLS certificate and key")
   * @param files the files to watch; a change to any of them triggers one reload
   * @param pollInterval time between checks
   * @param reload what to call after a change; exceptions it throws are logged, not fatal
   */
  public PolledFileWatcher(String what, List<Path> files, Duration pollInterval, Runnable reload) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files to watch for " + what);
    }
    this.what = what;
    this.files = List.copyOf(files);
    this.pollInterval = pollInterval;
    this.reload = reload;
    this.lastAttempt = stamps();
  }

  @Override
  public void run() {
    log.info("watching {} ({}) for changes every {} ms", what, files, pollInterval.toMillis());
    @Nullable List<@Nullable FileStamp> pending = null;
    boolean reportedMissing = false;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      final List<@Nullable FileStamp> seen = stamps();
      if (seen.contains(null)) {
        if (!reportedMissing) {
          log.warn("{}: a file is missing or unreadable; keeping the current {}", files, what);
          reportedMissing = true;
        }
        pending = null;
        continue;
      }
      reportedMissing = false;
      if (seen.equals(lastAttempt)) {
        pending = null;
      } else if (Objects.equals(seen, pending)) {
        lastAttempt = seen;
        pending = null;
        runReload();
      } else {
        pending = seen;
      }
    }
  }

  private void runReload() {
    try {
      reload.run();
    } catch (RuntimeException e) {
      log.error("reloading {} after a file change failed", what, e);
    }
  }

  private List<@Nullable FileStamp> stamps() {
    final List<@Nullable FileStamp> stamps = new ArrayList<>(files.size());
    for (Path file : files) {
      stamps.add(FileStamp.of(file));
    }
    return stamps;
  }
}
