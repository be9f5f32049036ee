package org.aquaticjava.core.config;

/** The component types a config record may use, each with its TOML shape. */
enum ValueKind {
  BOOLEAN("a boolean"),
  INT("an integer"),
  LONG("an integer"),
  DOUBLE("a number"),
  STRING("a string"),
  ENUM("a string"),
  RECORD("a table"),
  STRING_LIST("an array of strings");

  private final String expected;

  ValueKind(String expected) {
    this.expected = expected;
  }

  /** What an error message says the key needs, e.g. "an integer". */
  String expected() {
    return expected;
  }
}
