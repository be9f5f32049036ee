package org.aquaticjava.netty.tls;

import java.io.Serial;

/**
 * A certificate or key file that cannot be used, with a message naming the file and the reason
 * (and, from {@link TlsCredentials#load(org.aquaticjava.core.config.TlsConfig)}, the config key
 * first; a TLS context that cannot be built names {@code network.tls}), meant for an operator: fatal at start-up, logged (keeping the old credentials) on reload.
 */
public final class TlsCredentialsException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  public TlsCredentialsException(String message) {
    super(message);
  }

  public TlsCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }

  /** This problem with the config key it comes from in front: {@code key + ": " + message}. */
  TlsCredentialsException under(String key) {
    return new TlsCredentialsException(key + ": " + getMessage(), this);
  }
}
