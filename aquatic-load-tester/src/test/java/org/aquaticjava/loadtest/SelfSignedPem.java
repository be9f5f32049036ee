package org.aquaticjava.loadtest;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A throw-away self-signed ECDSA P-256 certificate for localhost and 127.0.0.1, written as the PEM
 * files a tracker's {@code [network.tls]} reads: what the load testers' TLS tests serve (the load
 * testers trust any certificate).
 *
 * @param chain {@code fullchain.pem}
 * @param key {@code privkey.pem} (PKCS#8)
 */
public record SelfSignedPem(Path chain, Path key) {
  /** Makes the certificate and writes both files into {@code dir}. */
  public static SelfSignedPem write(Path dir) throws Exception {
    final X509Bundle certificate =
        new CertificateBuilder()
            .subject("CN=localhost")
            .setIsCertificateAuthority(true)
            .addSanIpAddress("127.0.0.1")
            .algorithm(CertificateBuilder.Algorithm.ecp256)
            .notBefore(Instant.now().minus(Duration.ofDays(1)))
            .notAfter(Instant.now().plus(Duration.ofDays(1)))
            .buildSelfSigned();
    return new SelfSignedPem(
        Files.writeString(dir.resolve("fullchain.pem"), certificate.getCertificatePathPEM()),
        Files.writeString(dir.resolve("privkey.pem"), certificate.getPrivateKeyPEM()));
  }
}
