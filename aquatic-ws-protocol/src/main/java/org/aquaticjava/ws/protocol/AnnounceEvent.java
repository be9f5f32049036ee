package org.aquaticjava.ws.protocol;

/**
 * The {@code event} of a WebTorrent announce. Reading is lenient (aquatic #14 / anacrolix#981):
 * an absent event, {@code null}, a non-string and any unknown string such as {@code "<regular>"},
 * {@code ""} or {@code "paused"} read as {@link #UPDATE}.
 */
public enum AnnounceEvent {
  STARTED("started"),
  STOPPED("stopped"),
  COMPLETED("completed"),
  /** A regular re-announce; also everything the reader does not recognise. */
  UPDATE("update");

  private final String wireName;

  AnnounceEvent(String wireName) {
    this.wireName = wireName;
  }

  /** The JSON value, e.g. {@code started}. */
  public String wireName() {
    return wireName;
  }

  /** The event named by {@code len} chars of {@code chars} from {@code offset}; UPDATE if none. */
  static AnnounceEvent fromChars(char[] chars, int offset, int len) {
    for (AnnounceEvent event : VALUES) {
      if (JsonInput.equalsAscii(chars, offset, len, event.wireName)) {
        return event;
      }
    }
    return UPDATE;
  }

  private static final AnnounceEvent[] VALUES = values();
}
