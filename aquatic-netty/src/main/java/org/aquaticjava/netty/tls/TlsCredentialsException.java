package org.aquaticjava.netty.tls;

import java.io.Serial;

/**
 * A certificate or key file that cannot be used, with a message naming the file and the reason,
 * meant for an operator: fatal at start-up, logged (keeping the old credentials) on reload.
 */
public final class TlsCredentialsException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  public TlsCredentialsException(String message) {
    super(message);
  }

  public TlsCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
