package org.aquaticjava.netty.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Why a TLS handshake failed: the {@code reason} label of {@code
 * aquatic_tls_handshake_failures_total}. Constants are the labels in upper case; never rename one.
 */
public enum HandshakeFailure {
  /** The handshake did not finish within {@code handshake_timeout_ms} (slow or idle client). */
  TIMEOUT,
  /** The first bytes were not a TLS record: plain HTTP to the TLS port, scanners, garbage. */
  NOT_TLS,
  /** The client closed the connection before the handshake finished. */
  CLOSED,
  /**
   * The TLS exchange itself failed: no common version or cipher, a client alert such as an unknown
   * CA (the client refused our certificate), a malformed handshake message.
   */
  PROTOCOL;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The metric label. */
  public String label() {
    return label;
  }

  /** The reason for a failed handshake's cause, looking through wrapping exceptions. */
  static HandshakeFailure of(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SslHandshakeTimeoutException) {
        return TIMEOUT;
      } else if (t instanceof NotSslRecordException) {
        return NOT_TLS;
      } else if (t instanceof ClosedChannelException) {
        return CLOSED;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return PROTOCOL;
  }
}
