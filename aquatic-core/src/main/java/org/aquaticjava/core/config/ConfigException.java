package org.aquaticjava.core.config;

import java.util.List;

/**
 * A config that cannot be used, with every problem found. Each problem is one line that names the
 * key path ({@code network.address_ipv4: ...}) or, for TOML syntax errors, the line number.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An array, not a List: an exception's fields must be serializable types. */
  private final String[] problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a config exception needs at least one problem");
    }
    this.problems = problems.toArray(String[]::new);
  }

  /**
   * The same problems with their key paths inside {@code table} ({@code http.network.address_ipv4:
   * ...}): for a section that {@code aquatic all} nests under a protocol's table.
   */
  public ConfigException within(String table) {
    return new ConfigException(problems().stream().map(problem -> table + "." + problem).toList());
  }

  /** The problems in the order found, one line each. */
  public List<String> problems() {
    return List.of(problems);
  }
}
