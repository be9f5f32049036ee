package org.aquaticjava.netty.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.aquaticjava.core.config.TlsConfig;

/**
 * A certificate chain and its private key, read from PEM files or a PKCS#12 file and checked to
 * belong together. Immutable.
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
  private static final String PKCS12_PATH_KEY = "network.tls.tls_pkcs12_path";
  private static final String PKCS12_PASSWORD_KEY = "network.tls.tls_pkcs12_password";
  private static final String CERTIFICATE_PATH_KEY = "network.tls.tls_certificate_path";
  private static final String PRIVATE_KEY_PATH_KEY = "network.tls.tls_private_key_path";

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
   * Reads and checks the identity {@code config} names: its PKCS#12 file, else its two PEM files.
   *
   * @throws TlsCredentialsException whose message starts with the config key at fault ({@code
   *     network.tls.tls_certificate_path} and so on), then the file and the reason
   */
  public static TlsCredentials load(TlsConfig config) throws TlsCredentialsException {
    if (config.usesPkcs12()) {
      return loadPkcs12(Path.of(config.tlsPkcs12Path()), config.tlsPkcs12Password());
    }
    final Path certificateFile = Path.of(config.tlsCertificatePath());
    final Path privateKeyFile = Path.of(config.tlsPrivateKeyPath());
    final List<X509Certificate> chain;
    try {
      chain = readChain(certificateFile);
    } catch (TlsCredentialsException e) {
      throw e.under(CERTIFICATE_PATH_KEY);
    }
    try {
      return checked(chain, readKey(privateKeyFile), certificateFile, privateKeyFile);
    } catch (TlsCredentialsException e) {
      throw e.under(PRIVATE_KEY_PATH_KEY);
    }
  }

  /** The files {@link #load(TlsConfig)} reads, to watch for changes. */
  public static List<Path> files(TlsConfig config) {
    return config.usesPkcs12()
        ? List.of(Path.of(config.tlsPkcs12Path()))
        : List.of(Path.of(config.tlsCertificatePath()), Path.of(config.tlsPrivateKeyPath()));
  }

  /**
   * Reads a PKCS#12 file (as {@code openssl pkcs12 -export} writes it): its first private key and
   * that key's certificate chain, checked to belong together.
   *
   * @throws TlsCredentialsException naming {@code tls_pkcs12_password} for a wrong password, else
   *     {@code tls_pkcs12_path}, with the file and the reason
   */
  public static TlsCredentials loadPkcs12(Path file, String password)
      throws TlsCredentialsException {
    final byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TlsCredentialsException(PKCS12_PATH_KEY + ": cannot read " + file + ": " + e, e);
    }
    final char[] secret = password.toCharArray();
    final KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), secret);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TlsCredentialsException(
            PKCS12_PASSWORD_KEY + ": the password does not open " + file, e);
      }
      throw new TlsCredentialsException(
          PKCS12_PATH_KEY + ": " + file + " is not a readable PKCS#12 file: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new TlsCredentialsException(
          PKCS12_PATH_KEY + ": " + file + " is not a readable PKCS#12 file: " + e, e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)
            && store.getKey(alias, secret) instanceof PrivateKey key
            && store.getCertificateChain(alias) instanceof Certificate[] chain
            && chain.length > 0) {
          final List<X509Certificate> certificates = new ArrayList<>(chain.length);
          for (Certificate certificate : chain) {
            certificates.add((X509Certificate) certificate);
          }
          final TlsCredentials credentials = new TlsCredentials(certificates, key);
          credentials.checkKeyMatchesCertificate(file, file);
          return credentials;
        }
      }
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new TlsCredentialsException(
          PKCS12_PATH_KEY + ": cannot read the key of " + file + ": " + e, e);
    }
    throw new TlsCredentialsException(
        PKCS12_PATH_KEY + ": " + file + " holds no private key with its certificate");
  }

  /**
   * Reads and checks the two files.
   *
   * @throws TlsCredentialsException naming the file and the reason: unreadable, no certificate, no
   *     or encrypted or malformed key, or a key that does not match the certificate
   */
  public static TlsCredentials load(Path certificateFile, Path privateKeyFile)
      throws TlsCredentialsException {
    return checked(readChain(certificateFile), readKey(privateKeyFile), certificateFile, privateKeyFile);
  }

  private static TlsCredentials checked(
      List<X509Certificate> chain, PrivateKey key, Path certificateFile, Path privateKeyFile)
      throws TlsCredentialsException {
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
