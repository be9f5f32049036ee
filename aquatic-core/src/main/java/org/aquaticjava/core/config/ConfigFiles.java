package org.aquaticjava.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the problems with the files a config names: walks the record tree and collects {@link
 * FileSection#fileProblems} of every section, prefixed with the section's key path ({@code
 * network.tls.tls_certificate_path: ...}). Reads the files; meant for start-up. Stateless.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** Every file problem in {@code config}, in key order; empty if there is none. */
  public static List<String> problems(Record config) {
    final List<String> problems = new ArrayList<>();
    collect(config, "", problems);
    return problems;
  }

  private static void collect(Record section, String prefix, List<String> problems) {
    if (section instanceof FileSection files) {
      for (String problem : files.fileProblems()) {
        problems.add(prefix + problem);
      }
    }
    for (ConfigField field : ConfigField.of(section.getClass())) {
      if (field.valueIn(section) instanceof Record nested) {
        collect(nested, field.inline() ? prefix : prefix + field.key() + ".", problems);
      }
    }
  }

  /**
   * The problem with a file the tracker must read, or null if it is a readable regular file.
   *
   * @param key the config key naming the file, to start the message with
   */
  public static @Nullable String unreadable(String key, String path) {
    final Path file = Path.of(path);
    if (!Files.exists(file)) {
      return key + ": " + path + ": no such file";
    }
    if (!Files.isRegularFile(file)) {
      return key + ": " + path + ": not a regular file";
    }
    if (!Files.isReadable(file)) {
      return key + ": " + path + ": permission denied";
    }
    return null;
  }
}
