package org.aquaticjava.cli.e2e;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.CertificateBuilder.Algorithm;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI for an HTTPS tracker on loopback, written as the PEM files an operator and a
 * client have: a self-signed test CA ({@code ca.pem}, which the clients trust), and a server
 * certificate for IP addresses 127.0.0.1 and ::1 issued by it ({@code fullchain.pem}, leaf then
 * CA) with its
 * PKCS#8 key ({@code key.pem}). Made with netty-pkitesting; immutable once written.
 *
 * @param caCertificate the CA certificate the clients trust (aria2c's {@code --ca-certificate})
 * @param certificateChain the server's chain, for {@code tls_certificate_path}
 * @param privateKey the server's key, for {@code tls_private_key_path}
 */
record LoopbackPki(Path caCertificate, Path certificateChain, Path privateKey) {

  /** Generates a new CA and server certificate (valid for 30 days) into {@code dir}. */
  static LoopbackPki writeTo(Path dir) throws IOException {
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
      // The clients connect to https://127.0.0.1:PORT or https://[::1]:PORT, so the names to match
      // are IP address SANs.
      server =
          new CertificateBuilder()
              .subject("CN=127.0.0.1")
              .algorithm(Algorithm.ecp256)
              .addSanIpAddress("127.0.0.1")
              .addSanIpAddress("::1")
              .addExtendedKeyUsageServerAuth()
              .notBefore(now.minus(Duration.ofDays(1)))
              .notAfter(now.plus(Duration.ofDays(30)))
              .buildIssuedBy(ca);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the test certificates", e);
    }
    final String caPem = pem("CERTIFICATE", der(ca.getCertificate()));
    return new LoopbackPki(
        write(dir.resolve("ca.pem"), caPem),
        write(
            dir.resolve("fullchain.pem"),
            pem("CERTIFICATE", der(server.getCertificate())) + caPem),
        write(
            dir.resolve("key.pem"),
            pem("PRIVATE KEY", server.getKeyPair().getPrivate().getEncoded())));
  }

  /** A TLS context trusting only the test CA, for the test's own requests to the tracker. */
  SSLContext clientContext() {
    try (InputStream in = Files.newInputStream(caCertificate)) {
      final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry(
          "e2e-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      final TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the test CA " + caCertificate, e);
    }
  }

  private static Path write(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.US_ASCII);
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
