package org.aquaticjava.core.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of the TCP trackers (HTTPS and WSS), embedded in their {@code [network]} section.
 * The compact constructor rejects an unknown protocol version and, with TLS on, empty paths, so the
 * config loader reports them with the other errors before start-up.
 */
@Doc("TLS (HTTPS / WSS) with certificates from PEM files.")
public record TlsConfig(
    @Doc("Serve TLS on the listening sockets.") boolean enableTls,
    @Doc(
            "PEM file with the certificate chain: the server certificate first, then any"
                + " intermediates (e.g. Let's Encrypt fullchain.pem). Reloaded on SIGUSR1 or"
                + " SIGHUP and when the file changes; open connections keep the certificate they started"
                + " with, and a bad new file keeps the certificate in force (logged).")
        String tlsCertificatePath,
    @Doc(
            "PEM file with the unencrypted RSA or ECDSA private key of that certificate, as"
                + " PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC"
                + " PRIVATE KEY). Reloaded together with the certificate.")
        String tlsPrivateKeyPath,
    @Doc(
            "Close a connection whose TLS handshake has not finished within this many"
                + " milliseconds (counted as a handshake failure with reason timeout).")
        @Range(min = 100, max = 600_000)
        int handshakeTimeoutMs,
    @Doc("Oldest TLS version accepted: TLSv1.2 or TLSv1.3. TLSv1.3 is always offered.")
        String minProtocol)
    implements FileSection {

  /** The value of {@link #minProtocol} that also accepts TLS 1.2. */
  public static final String TLS_1_2 = "TLSv1.2";

  /** The value of {@link #minProtocol} that accepts TLS 1.3 only. */
  public static final String TLS_1_3 = "TLSv1.3";

  public static final TlsConfig DEFAULTS = new TlsConfig(false, "", "", 10_000, TLS_1_2);

  public TlsConfig {
    if (!TLS_1_2.equals(minProtocol) && !TLS_1_3.equals(minProtocol)) {
      throw new IllegalArgumentException(
          "min_protocol must be \""
              + TLS_1_2
              + "\" or \""
              + TLS_1_3
              + "\", not \""
              + minProtocol
              + "\"");
    }
    if (enableTls && (tlsCertificatePath.isBlank() || tlsPrivateKeyPath.isBlank())) {
      throw new IllegalArgumentException(
          "enable_tls = true needs tls_certificate_path and tls_private_key_path");
    }
  }

  /** With TLS on, the certificate and key files must be readable (their content is checked at start). */
  @Override
  public List<String> fileProblems() {
    final List<String> problems = new ArrayList<>();
    if (enableTls) {
      addIfNotNull(problems, ConfigFiles.unreadable("tls_certificate_path", tlsCertificatePath));
      addIfNotNull(problems, ConfigFiles.unreadable("tls_private_key_path", tlsPrivateKeyPath));
    }
    return problems;
  }

  private static void addIfNotNull(List<String> problems, @Nullable String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }
}
