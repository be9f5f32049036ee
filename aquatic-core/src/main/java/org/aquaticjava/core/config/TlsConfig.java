package org.aquaticjava.core.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of the TCP trackers (HTTPS and WSS), embedded in their {@code [network]} section.
 * The identity comes from two PEM files or from one PKCS#12 file (as aquatic's {@code
 * identity.pfx}), never both. The compact constructor rejects an unknown protocol version, both
 * sources set, and, with TLS on, neither, so the config loader reports them with the other errors
 * before start-up.
 */
@Doc(
    "TLS (HTTPS / WSS) with the certificate and key from PEM files or from one PKCS#12 file (use"
        + " one or the other).")
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
            "PKCS#12 file with the private key and certificate chain, instead of the two PEM"
                + " files, e.g. made with: openssl pkcs12 -export -out identity.pfx -inkey"
                + " privkey.pem -in cert.pem -certfile fullchain.pem. Reloaded on SIGUSR1 and when"
                + " it changes, like the PEM files.")
        String tlsPkcs12Path,
    @Doc("Password of tls_pkcs12_path (\"\" for none).") String tlsPkcs12Password,
    @Doc(
            "Close a connection whose TLS handshake has not finished within this many"
                + " milliseconds (counted as a handshake failure with reason timeout).")
        @Range(min = 100, max = 600_000)
        int handshakeTimeoutMs,
    @Doc("Oldest TLS version accepted: TLSv1.2 or TLSv1.3. TLSv1.3 is always offered.")
        String minProtocol,
    @Doc(
            "Issue TLS session tickets (TLS 1.3 and 1.2) so a client that reconnects resumes"
                + " without the certificate signature and key exchange of a full handshake. The"
                + " ticket key is random, made at start, never written to disk, and lost on"
                + " restart (clients then do one full handshake). BoringSSL only; the JDK"
                + " fallback provider keeps its own tickets. Off: TLS 1.3 never resumes, TLS 1.2"
                + " resumes from the session cache.")
        boolean enableSessionTickets,
    @Doc(
            "Replace the session ticket key after this many seconds. The previous key still"
                + " decrypts, so a ticket resumes for between one and two intervals; older ones"
                + " get a full handshake. Shorter limits what a stolen key decrypts (forward"
                + " secrecy of resumed sessions); longer lets clients with long announce intervals"
                + " resume.")
        @Range(min = 60, max = 604_800)
        int sessionTicketKeyRotationInterval,
    @Doc(
            "TLS 1.2 sessions kept in the server-side cache for clients that resume by session id"
                + " instead of a ticket (about 1 KiB each); the oldest go first. 0 turns the cache"
                + " off (BoringSSL; the JDK fallback keeps its default).")
        @Range(min = 0, max = 1_000_000)
        int sessionCacheSize,
    @Doc(
            "How long a TLS session may be resumed, in seconds: the cache entry's lifetime and the"
                + " lifetime a ticket advertises (a ticket is also refused once its key is gone)."
                + " Longer than the announce interval, or clients will never resume.")
        @Range(min = 1, max = 604_800)
        int sessionTimeout)
    implements FileSection {

  /** The value of {@link #minProtocol} that also accepts TLS 1.2. */
  public static final String TLS_1_2 = "TLSv1.2";

  /** The value of {@link #minProtocol} that accepts TLS 1.3 only. */
  public static final String TLS_1_3 = "TLSv1.3";

  public static final TlsConfig DEFAULTS =
      new TlsConfig(false, "", "", "", "", 10_000, TLS_1_2, true, 3_600, 20_480, 7_200);

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
    final boolean pem = !tlsCertificatePath.isBlank() || !tlsPrivateKeyPath.isBlank();
    final boolean pkcs12 = !tlsPkcs12Path.isBlank(); // fields are not assigned yet
    if (pem && pkcs12) {
      throw new IllegalArgumentException(
          "tls_pkcs12_path and tls_certificate_path / tls_private_key_path are both set: use"
              + " either the PKCS#12 file or the two PEM files");
    }
    if (enableTls
        && !pkcs12
        && (tlsCertificatePath.isBlank() || tlsPrivateKeyPath.isBlank())) {
      throw new IllegalArgumentException(
          "enable_tls = true needs tls_certificate_path and tls_private_key_path, or"
              + " tls_pkcs12_path");
    }
  }

  /**
   * TLS on, with the certificate chain and key from PEM files (no PKCS#12 file) and the default
   * session resumption.
   */
  public static TlsConfig pem(
      String certificatePath, String privateKeyPath, int handshakeTimeoutMs, String minProtocol) {
    return new TlsConfig(
        true,
        certificatePath,
        privateKeyPath,
        "",
        "",
        handshakeTimeoutMs,
        minProtocol,
        DEFAULTS.enableSessionTickets,
        DEFAULTS.sessionTicketKeyRotationInterval,
        DEFAULTS.sessionCacheSize,
        DEFAULTS.sessionTimeout);
  }

  /** This config with other session resumption settings. */
  public TlsConfig withSessionResumption(
      boolean tickets, int ticketKeyRotationSeconds, int cacheSize, int timeoutSeconds) {
    return new TlsConfig(
        enableTls,
        tlsCertificatePath,
        tlsPrivateKeyPath,
        tlsPkcs12Path,
        tlsPkcs12Password,
        handshakeTimeoutMs,
        minProtocol,
        tickets,
        ticketKeyRotationSeconds,
        cacheSize,
        timeoutSeconds);
  }

  /** Whether the identity comes from {@link #tlsPkcs12Path} rather than PEM files. */
  public boolean usesPkcs12() {
    return !tlsPkcs12Path.isBlank();
  }

  /** With TLS on, the identity's files must be readable (their content is checked at start). */
  @Override
  public List<String> fileProblems() {
    final List<String> problems = new ArrayList<>();
    if (enableTls && usesPkcs12()) {
      addIfNotNull(problems, ConfigFiles.unreadable("tls_pkcs12_path", tlsPkcs12Path));
    } else if (enableTls) {
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
