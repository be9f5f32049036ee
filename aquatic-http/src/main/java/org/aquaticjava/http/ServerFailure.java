package org.aquaticjava.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Failure reasons the server itself sends, beside the parser's {@link
 * org.aquaticjava.http.protocol.FailureReason}s: every refused request gets a bencoded text that
 * says what is wrong. Constant names in lower case are metric labels. Immutable.
 */
enum ServerFailure {
  MALFORMED_REQUEST("malformed HTTP request"),
  REQUEST_LINE_TOO_LONG("request line too long"),
  HEADERS_TOO_LARGE("request headers too large"),
  TOO_MANY_HEADERS("too many request headers"),
  BODY_TOO_LARGE("request body too large: tracker requests have no body"),
  METHOD_NOT_ALLOWED("method not allowed: use GET"),
  REVERSE_PROXY_HEADER("missing or invalid client address header from the reverse proxy"),
  SHUTTING_DOWN("tracker is shutting down, retry later"),
  RATE_LIMITED("too many requests from your address, retry later"),
  OVERLOADED("tracker is overloaded, retry later"),
  TOO_MANY_TORRENTS_SCRAPED("too many distinct torrents scraped from your address, retry later"),
  INTERNAL_ERROR("internal error");

  private final byte[] text;
  private final String label = name().toLowerCase(Locale.ROOT);

  ServerFailure(String text) {
    this.text = text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The encoded text; shared, never modify it. */
  byte[] text() {
    return text;
  }

  String label() {
    return label;
  }
}
