package org.aquaticjava.netty.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.CertificateBuilder.Algorithm;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.aquaticjava.netty.tls.TestPki.KeyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsCredentialsTest {
  private static final X509Bundle RSA = TestPki.server(Algorithm.rsa2048, "rsa.test");
  private static final X509Bundle EC = TestPki.server(Algorithm.ecp256, "ec.test");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} key as {1}")
  @CsvSource({
    "RSA, PKCS8, PRIVATE KEY",
    "RSA, TRADITIONAL, RSA PRIVATE KEY",
    "EC, PKCS8, PRIVATE KEY",
    "EC, TRADITIONAL, EC PRIVATE KEY"
  })
  void loadsEveryCommonKeyFormat(String algorithm, KeyFormat format, String label)
      throws Exception {
    final X509Bundle bundle = algorithm.equals("RSA") ? RSA : EC;
    final Path cert = dir.resolve("fullchain.pem");
    final Path key = dir.resolve("key.pem");
    TestPki.install(bundle, format, cert, key);
    assertThat(Files.readString(key)).startsWith("-----BEGIN " + label + "-----");

    final TlsCredentials credentials = TlsCredentials.load(cert, key);

    assertThat(credentials.chain()).hasSize(2);
    assertThat(credentials.leaf()).isEqualTo(bundle.getCertificate());
    assertThat(credentials.key().getAlgorithm()).isEqualTo(algorithm);
    if (credentials.key() instanceof RSAPrivateCrtKey rsa) {
      assertThat(rsa.getPrivateExponent())
          .isEqualTo(((RSAPrivateCrtKey) bundle.getKeyPair().getPrivate()).getPrivateExponent());
    } else {
      assertThat(((ECPrivateKey) credentials.key()).getS())
          .isEqualTo(((ECPrivateKey) bundle.getKeyPair().getPrivate()).getS());
    }
    assertThat(credentials.notAfter()).isEqualTo(bundle.getCertificate().getNotAfter().toInstant());
  }

  @Test
  void acceptsChainAndKeyInOneFileWithTextAroundTheBlocks() throws Exception {
    final Path combined = dir.resolve("combined.pem");
    Files.writeString(
        combined,
        "Bag Attributes\r\n    friendlyName: tracker\r\nsubject=CN = ec.test\r\n"
            + TestPki.chainPem(EC).replace("\n", "\r\n")
            + "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
            + TestPki.keyPem(EC, KeyFormat.TRADITIONAL));

    final TlsCredentials credentials = TlsCredentials.load(combined, combined);

    assertThat(credentials.leaf()).isEqualTo(EC.getCertificate());
    assertThat(credentials.key().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void refusesAKeyOfAnotherCertificate() throws Exception {
    final X509Bundle other = TestPki.server(Algorithm.ecp256, "other.test");
    final Path cert = write("cert.pem", TestPki.chainPem(EC));
    final Path key = write("key.pem", TestPki.keyPem(other, KeyFormat.PKCS8));

    assertThatThrownBy(() -> TlsCredentials.load(cert, key))
        .isInstanceOf(TlsCredentialsException.class)
        .hasMessageContaining("does not belong to the first certificate");
  }

  @Test
  void refusesAnRsaKeyForAnEcCertificate() throws Exception {
    final Path cert = write("cert.pem", TestPki.chainPem(EC));
    final Path key = write("key.pem", TestPki.keyPem(RSA, KeyFormat.TRADITIONAL));

    assertThatThrownBy(() -> TlsCredentials.load(cert, key))
        .hasMessageContaining("RSA key does not match the EC certificate");
  }

  @Test
  void refusesEncryptedKeysWithAHint() throws Exception {
    final Path cert = write("cert.pem", TestPki.chainPem(RSA));
    final Path pkcs8 =
        write("pkcs8.pem", TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}));
    final Path legacy =
        write(
            "legacy.pem",
            "-----BEGIN RSA PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00\n\n"
                + "MAA=\n"
                + "-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsCredentials.load(cert, pkcs8)).hasMessageContaining("encrypted");
    assertThatThrownBy(() -> TlsCredentials.load(cert, legacy)).hasMessageContaining("encrypted");
  }

  @Test
  void refusesAnEcKeyThatNamesNoCurve() throws Exception {
    final Path cert = write("cert.pem", TestPki.chainPem(EC));
    // SEQUENCE { INTEGER 1, OCTET STRING (32 bytes) }: SEC1 without its optional parameters
    final byte[] sec1 = new byte[2 + 3 + 34];
    sec1[0] = 0x30;
    sec1[1] = 37;
    sec1[2] = 0x02;
    sec1[3] = 1;
    sec1[4] = 1;
    sec1[5] = 0x04;
    sec1[6] = 32;
    Arrays.fill(sec1, 7, sec1.length, (byte) 7);
    final Path key = write("key.pem", TestPki.pem("EC PRIVATE KEY", sec1));

    assertThatThrownBy(() -> TlsCredentials.load(cert, key)).hasMessageContaining("names no curve");
  }

  @Test
  void namesTheFileAndWhatIsMissing() throws Exception {
    final Path cert = write("cert.pem", TestPki.chainPem(RSA));
    final Path key = write("key.pem", TestPki.keyPem(RSA, KeyFormat.PKCS8));
    final Path empty = write("empty.pem", "");
    final Path certOnly = write("cert-only.pem", TestPki.chainPem(RSA));

    assertThatThrownBy(() -> TlsCredentials.load(empty, key))
        .hasMessage(empty + ": no -----BEGIN CERTIFICATE----- block");
    assertThatThrownBy(() -> TlsCredentials.load(cert, certOnly))
        .hasMessageContaining(certOnly + ": no private key")
        .hasMessageContaining("[CERTIFICATE, CERTIFICATE]");
    assertThatThrownBy(() -> TlsCredentials.load(cert, dir.resolve("missing.pem")))
        .hasMessageContaining("missing.pem: cannot read");
    assertThatThrownBy(
            () -> TlsCredentials.load(write("bad.pem", "-----BEGIN CERTIFICATE-----\n!!!\n"), key))
        .hasMessageContaining("never ends");
  }

  @Test
  void neverThrowsAnythingElseForCorruptedKeys() throws Exception {
    final Path cert = write("cert.pem", TestPki.chainPem(EC));
    final SplittableRandom random = new SplittableRandom(20_261_121);
    final byte[][] originals = {
      TestPki.sec1(
          (ECPrivateKey) EC.getKeyPair().getPrivate(),
          (java.security.interfaces.ECPublicKey) EC.getKeyPair().getPublic()),
      EC.getKeyPair().getPrivate().getEncoded(),
      RSA.getKeyPair().getPrivate().getEncoded()
    };
    final String[] labels = {"EC PRIVATE KEY", "PRIVATE KEY", "RSA PRIVATE KEY"};
    for (int round = 0; round < 300; round++) {
      final int which = round % originals.length;
      final byte[] corrupted = originals[which].clone();
      final int length = random.nextInt(corrupted.length + 1);
      for (int flips = random.nextInt(1, 4); flips > 0 && length > 0; flips--) {
        corrupted[random.nextInt(length)] ^= (byte) random.nextInt(1, 256);
      }
      final Path key =
          write("fuzz.pem", TestPki.pem(labels[which], Arrays.copyOf(corrupted, length)));
      try {
        TlsCredentials.load(cert, key);
      } catch (TlsCredentialsException expected) {
        assertThat(expected.getMessage()).startsWith(key.toString());
      }
    }
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }
}
