package org.aquaticjava.http;

import io.netty.util.AsciiString;

/**
 * The header a reverse proxy puts the client address in (protocols.md §3.10), written in config
 * files in lower case. Header names are matched case-insensitively (Netty's headers do), unlike
 * aquatic (aquatic.md §8 #2).
 */
public enum ReverseProxyHeader {
  /** {@code X-Forwarded-For}: the last address of all occurrences, the one our proxy appended. */
  X_FORWARDED_FOR(AsciiString.cached("x-forwarded-for")),
  /** {@code X-Real-IP}: one address set by the proxy. */
  X_REAL_IP(AsciiString.cached("x-real-ip")),
  /** {@code Forwarded} (RFC 7239): the {@code for=} parameter of the last element. */
  FORWARDED(AsciiString.cached("forwarded"));

  private final AsciiString headerName;

  ReverseProxyHeader(AsciiString headerName) {
    this.headerName = headerName;
  }

  /** The header name as sent on the wire (lower case; matching ignores case). */
  public AsciiString headerName() {
    return headerName;
  }
}
