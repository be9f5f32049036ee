package org.aquaticjava.ws.protocol;

/**
 * The {@code event} of a WebTorrent announce. Reading is lenient (aquatic #14 / anacrolix#981):
 * an absent event, {@code null}, a non-string and any unknown string such as {@code "<regular>"},
 * {@code ""} or {@code "paused"} read as {@link #UPDATE}.
 */
public enum WsAnnounceEvent {
  STARTED("started"),
  STOPPED("stopped"),
  COMPLETED("completed"),
  /** A regular re-announce; also everything the reader does not recognise. */
  UPDATE("update");

  private final String wireName;

  WsAnnounceEvent(String wireName) {
    this.wireName = wireName;
  }

  /** The JSON value, e.g. {@code started}. */
  public String wireName() {
    return wireName;
  }

  /** The event the cursor's last string names; UPDATE if none. */
  static WsAnnounceEvent named(JsonCursor cursor) {
    final int i = cursor.stringIndex(WIRE_NAMES);
    return i < 0 ? UPDATE : VALUES[i];
  }

  private static final WsAnnounceEvent[] VALUES = values();
  private static final byte[][] WIRE_NAMES = wireNames();

  private static byte[][] wireNames() {
    final byte[][] names = new byte[VALUES.length][];
    for (int i = 0; i < VALUES.length; i++) {
      names[i] = JsonOutput.ascii(VALUES[i].wireName);
    }
    return names;
  }
}
