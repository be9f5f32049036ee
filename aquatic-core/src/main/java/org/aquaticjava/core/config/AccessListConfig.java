package org.aquaticjava.core.config;

import java.nio.file.Path;
import java.util.List;
import org.aquaticjava.core.access.AccessListException;
import org.aquaticjava.core.access.AccessListLoader;

/** The {@code [access_list]} section, shared by every protocol. */
@Doc("Access list: serve only listed info hashes (allow) or all but listed ones (deny).")
public record AccessListConfig(
    @Doc("off, allow or deny.") AccessListMode mode,
    @Doc(
            "File of info hashes, one 40-character hex hash per line; blank lines, lines"
                + " starting with # and a UTF-8 byte-order mark are ignored. Reloaded on SIGUSR1"
                + " or SIGHUP and when the file changes; a bad file keeps the previous list.")
        String path)
    implements FileSection {

  public static final AccessListConfig DEFAULTS =
      new AccessListConfig(AccessListMode.OFF, "./access-list.txt");

  /** With the list on, its file must exist and parse (the tracker will not start without it). */
  @Override
  public List<String> fileProblems() {
    if (mode == AccessListMode.OFF) {
      return List.of();
    }
    final String unreadable = ConfigFiles.unreadable("path", path);
    if (unreadable != null) {
      return List.of(unreadable);
    }
    try {
      AccessListLoader.load(Path.of(path), mode);
      return List.of();
    } catch (AccessListException e) {
      return List.of("path: " + e.getMessage());
    }
  }
}
