package org.aquaticjava.ws.protocol;

/** The {@code action} of a WebTorrent message, as far as it could be read. */
public enum MessageAction {
  /** No readable {@code action}: absent, not a string, or a message too broken to get there. */
  NONE(""),
  ANNOUNCE("announce"),
  SCRAPE("scrape"),
  /** An {@code action} string other than announce and scrape. */
  UNKNOWN("");

  private final String wireName;

  MessageAction(String wireName) {
    this.wireName = wireName;
  }

  /** The JSON value for ANNOUNCE and SCRAPE; empty for NONE and UNKNOWN, which are never written. */
  public String wireName() {
    return wireName;
  }

  /** Whether a reply may carry this action (only ANNOUNCE and SCRAPE exist on the wire). */
  public boolean isWritable() {
    return this == ANNOUNCE || this == SCRAPE;
  }

  private static final byte[][] WIRE_NAMES = JsonOutput.asciiAll("announce", "scrape");

  /** The action the cursor's last string names: ANNOUNCE, SCRAPE or UNKNOWN. */
  static MessageAction named(JsonCursor cursor) {
    return switch (cursor.stringIndex(WIRE_NAMES)) {
      case 0 -> ANNOUNCE;
      case 1 -> SCRAPE;
      default -> UNKNOWN;
    };
  }
}
