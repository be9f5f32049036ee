package org.aquaticjava.core.access;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the access list when its file changes. Run it on a supervised thread (role {@code
 * access-list-watch}); it returns when the thread is interrupted.
 *
 * <p><b>Why polling, not {@code WatchService}:</b> editors and deploy tools replace files by
 * writing a temporary file and renaming it over the old one, Kubernetes swaps a symlink, and
 * configuration management may rewrite in place. A {@code WatchService} on the parent directory
 * sees only some of these (not a swapped symlink target, not a mount), and on some platforms it is
 * itself a polling fallback. Checking size, modification time and inode of the resolved file once
 * per interval (one {@code stat}) sees all of them.
 *
 * <p>A change is reloaded only once the file has looked the same for two polls in a row, so a
 * file caught half-written is not loaded (and if it were, the next change would fix it). If the
 * file disappears, the old list stays in force until a file appears again. Limitation: an
 * in-place rewrite with the same size within the file system's timestamp granularity is missed;
 * use rename-replace or SIGUSR1 then.
 */
public final class AccessListFileWatcher implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(AccessListFileWatcher.class);

  /** Default interval between checks. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private final AccessListHolder holder;
  private final Duration pollInterval;

  public AccessListFileWatcher(AccessListHolder holder, Duration pollInterval) {
    this.holder = holder;
    this.pollInterval = pollInterval;
  }

  @Override
  public void run() {
    log.info("watching {} for changes every {} ms", holder.path(), pollInterval.toMillis());
    @Nullable FileStamp pending = null;
    boolean reportedMissing = false;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      final FileStamp seen = FileStamp.of(holder.path());
      if (seen == null) {
        if (!reportedMissing) {
          log.warn("{} is missing; keeping the current access list", holder.path());
          reportedMissing = true;
        }
        pending = null;
        continue;
      }
      reportedMissing = false;
      if (seen.equals(holder.lastAttempt())) {
        pending = null;
      } else if (Objects.equals(seen, pending)) {
        holder.reload();
        pending = null;
      } else {
        pending = seen;
      }
    }
  }
}
