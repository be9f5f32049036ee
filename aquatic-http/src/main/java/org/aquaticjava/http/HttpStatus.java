package org.aquaticjava.http;

import java.nio.charset.StandardCharsets;

/**
 * The statuses the tracker answers with, each with its status line pre-encoded. Tracker answers,
 * failures included, are 200 (libtorrent reads no other body); the rest concern HTTP itself.
 */
enum HttpStatus {
  OK(200, "OK"),
  BAD_REQUEST(400, "Bad Request"),
  NOT_FOUND(404, "Not Found"),
  METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
  PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
  URI_TOO_LONG(414, "URI Too Long"),
  /** A source over its [rate_limit] request rate, once per notice interval (RFC 6585). */
  TOO_MANY_REQUESTS(429, "Too Many Requests"),
  REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large");

  private final int code;
  private final byte[] statusLine;
  private final String label;

  HttpStatus(int code, String reason) {
    this.code = code;
    this.label = Integer.toString(code);
    this.statusLine =
        ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  int code() {
    return code;
  }

  /** {@code HTTP/1.1 <code> <reason>\r\n}; shared, never modify it. */
  byte[] statusLine() {
    return statusLine;
  }

  /** The metric label: the code as text. */
  String label() {
    return label;
  }
}
