package org.aquaticjava.cli.e2e;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.CertificateBuilder.Algorithm;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A throw-away test CA and a server certificate it issued for 127.0.0.1, written as the PEM files
 * an operator gives the tracker ({@code [network.tls]}) plus the CA certificate for the browsers.
 * Immutable.
 *
 * @param caCertificate the CA's certificate (PEM), for the browsers' trust store
 * @param tracker the tracker's certificate chain and PKCS#8 key
 */
record WebtorrentPki(Path caCertificate, TrackerProcess.TlsFiles tracker) {
  /** Generates the CA and the server certificate and writes them into {@code dir}. */
  static WebtorrentPki write(Path dir) throws IOException {
    final Instant now = Instant.now();
    final X509Bundle ca;
    final X509Bundle server;
    try {
      ca =
          new CertificateBuilder()
              .subject("CN=aquatic-java e2e test CA")
              .setIsCertificateAuthority(true)
              .algorithm(Algorithm.ecp256)
              .notBefore(now.minus(Duration.ofDays(1)))
              .notAfter(now.plus(Duration.ofDays(30)))
              .buildSelfSigned();
      server =
          new CertificateBuilder()
              .subject("CN=127.0.0.1")
              .algorithm(Algorithm.ecp256)
              .addSanIpAddress("127.0.0.1")
              .addExtendedKeyUsageServerAuth()
              .notBefore(now.minus(Duration.ofDays(1)))
              .notAfter(now.plus(Duration.ofDays(30)))
              .buildIssuedBy(ca);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the test certificates", e);
    }
    try {
      final Path caPem =
          Files.writeString(
              dir.resolve("ca.pem"), pem("CERTIFICATE", ca.getCertificate().getEncoded()));
      final Path chain =
          Files.writeString(
              dir.resolve("fullchain.pem"),
              pem("CERTIFICATE", server.getCertificate().getEncoded())
                  + pem("CERTIFICATE", ca.getCertificate().getEncoded()));
      final Path key =
          Files.writeString(
              dir.resolve("privkey.pem"),
              pem("PRIVATE KEY", server.getKeyPair().getPrivate().getEncoded()));
      return new WebtorrentPki(caPem, new TrackerProcess.TlsFiles(chain, key));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the test certificates", e);
    }
  }

  private static String pem(String type, byte[] der) {
    final String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}
