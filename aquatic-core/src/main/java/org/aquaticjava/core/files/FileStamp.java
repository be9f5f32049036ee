package org.aquaticjava.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.jspecify.annotations.Nullable;

/**
 * What identifies one version of a file without reading it: size, modification time and the file
 * key (device and inode on Unix), following symbolic links. A rename-replace changes the inode, an
 * in-place rewrite changes the time or size, and a symlink swap (Kubernetes ConfigMaps) changes
 * what the link resolves to.
 *
 * @param size length in bytes
 * @param modified last modification time
 * @param fileKey device and inode where the platform has them, else null
 */
public record FileStamp(long size, FileTime modified, @Nullable Object fileKey) {

  /** The current stamp, or null if the file does not exist or cannot be read right now. */
  public static @Nullable FileStamp of(Path file) {
    try {
      final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    } catch (IOException e) {
      return null;
    }
  }
}
