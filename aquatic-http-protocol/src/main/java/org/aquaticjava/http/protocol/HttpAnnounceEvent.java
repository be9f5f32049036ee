package org.aquaticjava.http.protocol;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The announce {@code event} parameter (BEP 3, BEP 21). {@link #PAUSED} is what libtorrent sends on
 * every announce of a partial seed; aquatic refuses it, aquatic-java treats it as a regular announce
 * (aquatic.md §8 #4) and keeps it distinct so the server may count partial seeds.
 */
public enum HttpAnnounceEvent {
  /** No event: absent, {@code event=}, {@code event=empty}, or an unknown value. */
  NONE(null),
  STARTED("started"),
  STOPPED("stopped"),
  COMPLETED("completed"),
  /** BEP 21 partial seed; a regular announce for the swarm. */
  PAUSED("paused");

  private final @Nullable String wireValue;
  private final byte[] wireBytes;

  HttpAnnounceEvent(@Nullable String wireValue) {
    this.wireValue = wireValue;
    this.wireBytes =
        wireValue == null ? new byte[0] : wireValue.getBytes(StandardCharsets.US_ASCII);
  }

  /** The query value a client sends, or {@code null} for {@link #NONE} (the parameter is omitted). */
  public @Nullable String wireValue() {
    return wireValue;
  }

  /** The query value bytes; empty for {@link #NONE}. Shared, never modify them. */
  byte[] wireBytes() {
    return wireBytes;
  }
}
