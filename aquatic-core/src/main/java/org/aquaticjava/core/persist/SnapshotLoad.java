package org.aquaticjava.core.persist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading a snapshot file at start-up, whatever the tracker makes of its records: a missing file
 * is normal (logged at info), a file that cannot be used (truncated, corrupt, foreign, newer
 * format, unreadable, or refused by the loader) is logged and renamed aside ({@link
 * SnapshotFile#moveAside}) so it is kept for inspection and not overwritten. Never throws: a
 * snapshot never stops a tracker from starting.
 */
public final class SnapshotLoad {
  private static final Logger log = LoggerFactory.getLogger(SnapshotLoad.class);

  /** Makes a tracker's state from a snapshot's records; throws to reject the whole file. */
  @FunctionalInterface
  public interface Loader<T> {
    T load(SnapshotReader reader) throws IOException;
  }

  private SnapshotLoad() {}

  /**
   * What {@code loader} made of the snapshot at {@code path}, or empty if there is none or it
   * cannot be used (the caller then starts empty). State the loader built before a failure must
   * be discarded by the caller: only a returned value is a whole snapshot.
   */
  public static <T> Optional<T> read(Path path, Loader<T> loader) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      return Optional.of(loader.load(SnapshotReader.open(in)));
    } catch (NoSuchFileException e) {
      log.info("persistence: no snapshot at {} yet; starting with empty swarms", path);
    } catch (SnapshotFormatException e) {
      moveAside(path, e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
    } catch (IOException | RuntimeException e) {
      moveAside(path, "unreadable", e.toString());
    }
    return Optional.empty();
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
}
