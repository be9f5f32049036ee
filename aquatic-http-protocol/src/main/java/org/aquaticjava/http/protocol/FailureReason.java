package org.aquaticjava.http.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code failure reason} texts the tracker sends, pre-encoded once. The parser reports every
 * refused request target with one of these; the server answers it with {@link
 * FailureResponseWriter} (HTTP 200, as BEP 3 and libtorrent expect) instead of staying silent like
 * aquatic (aquatic.md §8 #3). The constant names, in lower case, are metric labels ({@link
 * #label()}): never rename a released constant. Immutable and thread-safe.
 */
public enum FailureReason {
  /** The path is neither the announce nor the scrape path (parser). */
  UNKNOWN_PATH("unknown path: this tracker answers only its announce and scrape paths"),
  /** Announce without {@code info_hash} (parser). */
  MISSING_INFO_HASH("missing info_hash"),
  /** An {@code info_hash} that does not percent-decode to exactly 20 bytes (parser). */
  INFO_HASH_NOT_20_BYTES("info_hash is not 20 bytes"),
  /** Announce without {@code peer_id} (parser). */
  MISSING_PEER_ID("missing peer_id"),
  /** A {@code peer_id} that does not percent-decode to exactly 20 bytes (parser). */
  PEER_ID_NOT_20_BYTES("peer_id is not 20 bytes"),
  /** A {@code %} not followed by two hex digits, or a character that is not a byte (parser). */
  MALFORMED_PERCENT_ENCODING("malformed percent-encoding: use %XX with two hex digits"),
  /** Announce without {@code port} (parser). */
  MISSING_PORT("missing port"),
  /** A {@code port} that is not a decimal number in 1..65535 (parser). */
  INVALID_PORT("invalid port: must be a decimal number from 1 to 65535"),
  /** An {@code uploaded} that is not a signed 64-bit decimal (parser). */
  INVALID_UPLOADED("invalid uploaded: must be a decimal integer"),
  /** A {@code downloaded} that is not a signed 64-bit decimal (parser). */
  INVALID_DOWNLOADED("invalid downloaded: must be a decimal integer"),
  /** A {@code left} that is not a signed 64-bit decimal (parser). */
  INVALID_LEFT("invalid left: must be a decimal integer"),
  /** A {@code numwant} that is not a signed 64-bit decimal (parser). */
  INVALID_NUMWANT("invalid numwant: must be a decimal integer"),
  /** A {@code key} longer than {@link AnnounceQuery#KEY_CAPACITY} bytes once decoded (parser). */
  KEY_TOO_LONG("key is longer than 100 bytes"),
  /** Scrape without any {@code info_hash} (parser): aquatic-java serves no full scrapes. */
  FULL_SCRAPE("no info_hash given: full scrapes are not allowed"),
  /** Announce for a torrent the access list refuses (server; aquatic's text). */
  INFO_HASH_NOT_ALLOWED("Info hash not allowed");

  private final String text;
  private final byte[] bytes;
  private final String label = name().toLowerCase(Locale.ROOT);

  FailureReason(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The text as clients display it. */
  public String text() {
    return text;
  }

  /** The metric label: the constant name in lower case, e.g. {@code invalid_port}. */
  public String label() {
    return label;
  }

  /** The encoded text; shared, never modify it. */
  byte[] bytes() {
    return bytes;
  }
}
