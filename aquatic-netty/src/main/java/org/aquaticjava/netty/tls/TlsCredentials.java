package org.aquaticjava.netty.tls;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate chain and its private key, read from PEM files and checked to belong together.
 * Immutable.
 *
 * <p>The certificate file contributes every {@code CERTIFICATE} block in order, the server's own
 * certificate first (a Let's Encrypt {@code fullchain.pem}); other blocks are ignored, so a
 * combined file holding chain and key also works. The key file contributes its first private key in
 * any format {@link PrivateKeyDecoder} accepts.
 *
 * @param chain the certificates, leaf first; never empty
 * @param key the private key of {@code chain.get(0)}
 */
public record TlsCredentials(List<X509Certificate> chain, PrivateKey key) {

  public TlsCredentials {
    chain = List.copyOf(chain);
  }

  /** The server's own certificate. */
  public X509Certificate leaf() {
    return chain.getFirst();
  }

  /** When the server's certificate expires. */
  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** Whether the server's certificate has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return now.isAfter(notAfter());
  }

  /** One line for logs: subject, key type and validity end. */
  public String describe() {
    return leaf().getSubjectX500Principal().getName()
        + " ("
        + key.getAlgorithm()
        + ", chain of "
        + chain.size()
        + ", valid until "
        + notAfter()
        + ")";
  }

  /**
   * Reads and checks the two files.
   *
   * @throws TlsCredentialsException naming the file and the reason: unreadable, no certificate, no
   *     or encrypted or malformed key, or a key that does not match the certificate
   */
  public static TlsCredentials load(Path certificateFile, Path privateKeyFile)
      throws TlsCredentialsException {
    final List<X509Certificate> chain = readChain(certificateFile);
    final PrivateKey key = readKey(privateKeyFile);
    final TlsCredentials credentials = new TlsCredentials(chain, key);
    credentials.checkKeyMatchesCertificate(certificateFile, privateKeyFile);
    return credentials;
  }

  private static List<X509Certificate> readChain(Path file) throws TlsCredentialsException {
    final CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 support", e);
    }
    final List<X509Certificate> chain = new ArrayList<>();
    for (PemBlock block : PemReader.read(file)) {
      if (!block.label().equals("CERTIFICATE")) {
        continue;
      }
      try {
        chain.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException | RuntimeException e) {
        throw new TlsCredentialsException(
            file + ": certificate " + (chain.size() + 1) + " is malformed: " + e.getMessage(), e);
      }
    }
    if (chain.isEmpty()) {
      throw new TlsCredentialsException(file + ": no -----BEGIN CERTIFICATE----- block");
    }
    return chain;
  }

  private static PrivateKey readKey(Path file) throws TlsCredentialsException {
    final List<PemBlock> blocks = PemReader.read(file);
    for (PemBlock block : blocks) {
      if (PrivateKeyDecoder.isPrivateKey(block.label())) {
        try {
          return PrivateKeyDecoder.decode(block);
        } catch (TlsCredentialsException e) {
          throw new TlsCredentialsException(file + ": " + e.getMessage(), e);
        }
      }
    }
    throw new TlsCredentialsException(
        file
            + ": no private key (expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC"
            + " PRIVATE KEY); blocks found: "
            + blocks.stream().map(PemBlock::label).toList());
  }

  /** Signs a fixed challenge with the key and verifies it with the certificate's public key. */
  private void checkKeyMatchesCertificate(Path certificateFile, Path privateKeyFile)
      throws TlsCredentialsException {
    final String certificateAlgorithm = leaf().getPublicKey().getAlgorithm();
    if (!certificateAlgorithm.equals(key.getAlgorithm())) {
      throw new TlsCredentialsException(
          privateKeyFile
              + ": "
              + key.getAlgorithm()
              + " key does not match the "
              + certificateAlgorithm
              + " certificate in "
              + certificateFile);
    }
    final String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    final byte[] challenge =
        "aquatic-java key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    final boolean matches;
    try {
      final Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      final byte[] signature = signer.sign();
      final Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf().getPublicKey());
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      throw new TlsCredentialsException(
          privateKeyFile + ": cannot check the key against " + certificateFile + ": " + e, e);
    }
    if (!matches) {
      throw new TlsCredentialsException(
          privateKeyFile
              + ": the private key does not belong to the first certificate in "
              + certificateFile);
    }
  }
}
