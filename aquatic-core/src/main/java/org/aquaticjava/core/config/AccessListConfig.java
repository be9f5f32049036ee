package org.aquaticjava.core.config;

/** The {@code [access_list]} section, shared by every protocol. */
@Doc("Access list: serve only listed info hashes (allow) or all but listed ones (deny).")
public record AccessListConfig(
    @Doc("off, allow or deny.") AccessListMode mode,
    @Doc(
            "File of info hashes, one 40-character hex hash per line; blank lines and lines"
                + " starting with # are ignored. Reloaded on SIGUSR1 and when the file changes;"
                + " a bad file keeps the previous list.")
        String path) {

  public static final AccessListConfig DEFAULTS =
      new AccessListConfig(AccessListMode.OFF, "./access-list.txt");
}
