package org.aquaticjava.core.persist;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot file on disk: replaced atomically, so that a crash at any moment leaves either the
 * previous snapshot or the new one in place, never a partial file. A write goes to {@code
 * <name>.tmp} in the same directory (created with mode 0600: the file holds the connection-id key),
 * is fsynced, renamed over the snapshot and the directory is fsynced so the rename itself is
 * durable. A failed write removes its temporary file and leaves the snapshot untouched.
 */
final class SnapshotFile {
  private static final Logger log = LoggerFactory.getLogger(SnapshotFile.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Writes the snapshot body to a stream. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private SnapshotFile() {}

  /** Replaces {@code path} with what {@code body} writes; returns the new file's size. */
  static long write(Path path, Body body) throws IOException {
    final Path target = path.toAbsolutePath();
    final Path directory = target.getParent();
    Files.createDirectories(directory);
    final Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(temporary); // a crash's leftover: recreate it with our mode
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temporary);
    }
    try {
      // FileOutputStream, not a FileChannel: an interrupt (shutdown) must not abort the write.
      try (FileOutputStream file = new FileOutputStream(temporary.toFile())) {
        final BufferedOutputStream out = new BufferedOutputStream(file, 1 << 16);
        body.writeTo(out);
        out.flush();
        file.getFD().sync();
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    syncDirectory(directory);
    return Files.size(target);
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems and platforms cannot fsync a directory; the rename is then as durable
      // as they make it.
      log.debug("cannot fsync directory {}: {}", directory, e.toString());
    }
  }

  /**
   * Renames {@code path} to {@code <name>.<reason>-<UTC time>} beside it, so that a snapshot the
   * tracker cannot use is kept for inspection and not overwritten by the next snapshot.
   *
   * @return the new name
   */
  static Path moveAside(Path path, String reason) throws IOException {
    final Path aside =
        path.resolveSibling(path.getFileName() + "." + reason + "-" + STAMP.format(Instant.now()));
    return Files.move(path, aside);
  }
}
