package org.aquaticjava.netty.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.CertificateBuilder.Algorithm;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;

/**
 * Test certificates made with netty-pkitesting, and PEM files written in the formats operators
 * have: PKCS#8, PKCS#1 and SEC1 (encoded with BouncyCastle's ASN.1 classes, independently of the
 * decoder under test).
 */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  /** A key file format. */
  enum KeyFormat {
    /** {@code BEGIN PRIVATE KEY}. */
    PKCS8,
    /** {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY} with the curve named. */
    TRADITIONAL
  }

  /** One self-signed test CA shared by the tests (key generation is the slow part). */
  static final X509Bundle CA = newCa("CN=aquatic-java test CA");

  private TestPki() {}

  /** A new self-signed CA. */
  static X509Bundle newCa(String subject) {
    try {
      return new CertificateBuilder()
          .subject(subject)
          .setIsCertificateAuthority(true)
          .algorithm(Algorithm.ecp256)
          .notBefore(Instant.now().minus(Duration.ofDays(1)))
          .notAfter(Instant.now().plus(Duration.ofDays(365)))
          .buildSelfSigned();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server certificate for loopback, issued by {@link #CA}. */
  static X509Bundle server(Algorithm algorithm, String commonName, Instant notAfter) {
    try {
      return new CertificateBuilder()
          .subject("CN=" + commonName)
          .serial(BigInteger.valueOf(SERIAL.incrementAndGet()))
          .algorithm(algorithm)
          .addSanDnsName("localhost")
          .addSanIpAddress("127.0.0.1")
          .addSanIpAddress("::1")
          .addExtendedKeyUsageServerAuth()
          .notBefore(Instant.now().minus(Duration.ofDays(2)))
          .notAfter(notAfter)
          .buildIssuedBy(CA);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server certificate valid for 90 days. */
  static X509Bundle server(Algorithm algorithm, String commonName) {
    return server(algorithm, commonName, Instant.now().plus(Duration.ofDays(90)));
  }

  /** Leaf then CA, as a fullchain.pem. */
  static String chainPem(X509Bundle bundle) {
    return pem("CERTIFICATE", encoded(bundle.getCertificate()))
        + pem("CERTIFICATE", encoded(CA.getCertificate()));
  }

  /** The bundle's private key in {@code format}. */
  static String keyPem(X509Bundle bundle, KeyFormat format) {
    final PrivateKey key = bundle.getKeyPair().getPrivate();
    if (format == KeyFormat.PKCS8) {
      return pem("PRIVATE KEY", key.getEncoded());
    }
    try {
      if (key instanceof ECPrivateKey ec) {
        return pem("EC PRIVATE KEY", sec1(ec, (ECPublicKey) bundle.getKeyPair().getPublic()));
      }
      final byte[] pkcs1 =
          PrivateKeyInfo.getInstance(key.getEncoded())
              .parsePrivateKey()
              .toASN1Primitive()
              .getEncoded();
      return pem("RSA PRIVATE KEY", pkcs1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SEC1 ECPrivateKey for P-256 with the curve named and the public key, as openssl writes it. */
  static byte[] sec1(ECPrivateKey key, ECPublicKey publicKey) throws IOException {
    final DERBitString publicBits =
        new DERBitString(
            SubjectPublicKeyInfo.getInstance(publicKey.getEncoded())
                .getPublicKeyData()
                .getOctets());
    return new org.bouncycastle.asn1.sec.ECPrivateKey(
            256, key.getS(), publicBits, new X962Parameters(SECObjectIdentifiers.secp256r1))
        .getEncoded();
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /** Writes chain and key by rename-replace, as deploy tools do. */
  static void install(X509Bundle bundle, KeyFormat format, Path certificateFile, Path keyFile)
      throws IOException {
    replace(certificateFile, chainPem(bundle));
    replace(keyFile, keyPem(bundle, format));
  }

  static void replace(Path file, String content) throws IOException {
    final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.US_ASCII);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
