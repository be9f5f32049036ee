package org.aquaticjava.http;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.CertificateBuilder.Algorithm;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.aquaticjava.testkit.TomlConfigs;

/**
 * Certificates for HTTPS tests, made with netty-pkitesting: one test CA, server certificates for
 * 127.0.0.1 and ::1 issued by it, written as PEM files the tracker loads, and an {@link
 * SSLContext} that trusts the CA.
 */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(1);

  /** Key generation is the slow part: one CA for the whole test run. */
  static final X509Bundle CA = build(new CertificateBuilder()
      .subject("CN=aquatic-java http test CA")
      .setIsCertificateAuthority(true)
      .algorithm(Algorithm.ecp256), null);

  private TestCertificates() {}

  /** A loopback server certificate named {@code commonName}, issued by {@link #CA}. */
  static X509Bundle server(String commonName) {
    return build(
        new CertificateBuilder()
            .subject("CN=" + commonName)
            .serial(BigInteger.valueOf(SERIAL.incrementAndGet()))
            .algorithm(Algorithm.ecp256)
            .addSanIpAddress("127.0.0.1")
            .addSanIpAddress("::1")
            .addExtendedKeyUsageServerAuth(),
        CA);
  }

  private static X509Bundle build(CertificateBuilder builder, X509Bundle issuer) {
    try {
      builder
          .notBefore(Instant.now().minus(Duration.ofDays(1)))
          .notAfter(Instant.now().plus(Duration.ofDays(30)));
      return issuer == null ? builder.buildSelfSigned() : builder.buildIssuedBy(issuer);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the chain and PKCS#8 key of {@code bundle} to {@code chain} and {@code key}, each
   * through a rename so a watcher never sees half a file.
   */
  static void write(X509Bundle bundle, Path chain, Path key) throws IOException {
    replace(chain, bundle.getCertificatePathPEM());
    replace(key, bundle.getPrivateKeyPEM());
  }

  private static void replace(Path file, String content) throws IOException {
    final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A client context trusting {@link #CA}. */
  static SSLContext clientContext() {
    try {
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, CA.toTrustManagerFactory().getTrustManagers(), new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code [network.tls]} table for a tracker serving {@code chain} and {@code key}. */
  static String tlsSection(Path chain, Path key) {
    return TomlConfigs.tlsPem(chain, key) + "handshake_timeout_ms = 1000\n";
  }
}
