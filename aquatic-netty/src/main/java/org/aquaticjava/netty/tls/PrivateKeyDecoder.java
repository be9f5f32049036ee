package org.aquaticjava.netty.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * Turns an unencrypted PEM private key into a JDK {@link PrivateKey}, whatever the usual format:
 *
 * <table>
 *   <caption>Accepted PEM labels</caption>
 *   <tr><th>Label</th><th>Format</th><th>Typical source</th></tr>
 *   <tr><td>{@code PRIVATE KEY}</td><td>PKCS#8, RSA or EC</td><td>certbot, openssl genpkey</td></tr>
 *   <tr><td>{@code RSA PRIVATE KEY}</td><td>PKCS#1</td><td>openssl genrsa (1.x), older ACME
 *       clients</td></tr>
 *   <tr><td>{@code EC PRIVATE KEY}</td><td>SEC1 with named-curve parameters</td><td>openssl
 *       ecparam -genkey</td></tr>
 * </table>
 *
 * PKCS#1 and SEC1 are wrapped into PKCS#8 (RFC 5208 / RFC 5915 §3) here, so neither Netty's
 * BouncyCastle fallback nor BouncyCastle itself is needed at runtime. aquatic accepts only PKCS#8
 * (aquatic#130). Encrypted keys are refused with a hint.
 */
final class PrivateKeyDecoder {
  /** rsaEncryption, 1.2.840.113549.1.1.1. */
  private static final byte[] RSA_ENCRYPTION = {
    0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01
  };

  /** id-ecPublicKey, 1.2.840.10045.2.1. */
  private static final byte[] EC_PUBLIC_KEY = {
    0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01
  };

  private static final byte[] VERSION_0 = {Der.INTEGER, 0x01, 0x00};

  /** AlgorithmIdentifier { rsaEncryption, NULL } of a wrapped PKCS#1 key. */
  private static final byte[] RSA_ALGORITHM =
      Der.sequence(Der.encode(Der.OID, RSA_ENCRYPTION), new byte[] {Der.NULL, 0});

  private PrivateKeyDecoder() {}

  /** Whether {@code label} is one of the private-key labels this class knows (or refuses). */
  static boolean isPrivateKey(String label) {
    return label.equals("PRIVATE KEY")
        || label.equals("RSA PRIVATE KEY")
        || label.equals("EC PRIVATE KEY")
        || label.equals("ENCRYPTED PRIVATE KEY");
  }

  /** The key in {@code block}, whose label satisfies {@link #isPrivateKey}. */
  static PrivateKey decode(PemBlock block) throws TlsCredentialsException {
    if (block.encrypted() || block.label().equals("ENCRYPTED PRIVATE KEY")) {
      throw new TlsCredentialsException(
          "the private key is encrypted; store it unencrypted (openssl pkey -in key.pem -out"
              + " plain.pem) and restrict the file's permissions instead");
    }
    return switch (block.label()) {
      case "PRIVATE KEY" -> fromPkcs8(block.der());
      case "RSA PRIVATE KEY" -> generate("RSA", pkcs8(RSA_ALGORITHM, block.der()));
      case "EC PRIVATE KEY" -> {
        final byte[] algorithm =
            Der.sequence(Der.encode(Der.OID, EC_PUBLIC_KEY), sec1Curve(block.der()));
        yield generate("EC", pkcs8(algorithm, block.der()));
      }
      default -> throw new TlsCredentialsException("not a private key: " + block.label());
    };
  }

  private static PrivateKey fromPkcs8(byte[] der) throws TlsCredentialsException {
    // PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm AlgorithmIdentifier,
    //                             privateKey OCTET STRING, ... }
    final Der.Tlv info = Der.expect(der, 0, der.length, Der.SEQUENCE, "PrivateKeyInfo");
    final Der.Tlv version = Der.expect(der, info.valueOffset(), info.end(), Der.INTEGER, "version");
    final Der.Tlv algorithm =
        Der.expect(der, version.end(), info.end(), Der.SEQUENCE, "AlgorithmIdentifier");
    final byte[] oid =
        Der.expect(der, algorithm.valueOffset(), algorithm.end(), Der.OID, "algorithm OID")
            .value(der);
    if (Arrays.equals(oid, RSA_ENCRYPTION)) {
      return generate("RSA", der);
    } else if (Arrays.equals(oid, EC_PUBLIC_KEY)) {
      return generate("EC", der);
    }
    throw new TlsCredentialsException(
        "unsupported private key algorithm (OID bytes "
            + java.util.HexFormat.of().formatHex(oid)
            + "); use an RSA or ECDSA key");
  }

  /** The encoded namedCurve OID from a SEC1 ECPrivateKey's {@code [0]} parameters. */
  private static byte[] sec1Curve(byte[] der) throws TlsCredentialsException {
    // ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
    //                             parameters [0] ECParameters OPTIONAL,
    //                             publicKey [1] BIT STRING OPTIONAL }
    final Der.Tlv key = Der.expect(der, 0, der.length, Der.SEQUENCE, "ECPrivateKey");
    int offset = key.valueOffset();
    while (offset < key.end()) {
      final Der.Tlv element = Der.read(der, offset, key.end());
      if (element.tag() == Der.CONTEXT_0) {
        final Der.Tlv curve =
            Der.expect(der, element.valueOffset(), element.end(), Der.OID, "named curve");
        return Arrays.copyOfRange(der, element.valueOffset(), curve.end());
      }
      offset = element.end();
    }
    throw new TlsCredentialsException(
        "the EC private key names no curve; convert it to PKCS#8 (openssl pkey -in key.pem)");
  }

  private static byte[] pkcs8(byte[] algorithmIdentifier, byte[] privateKey) {
    return Der.sequence(VERSION_0, algorithmIdentifier, Der.encode(Der.OCTET_STRING, privateKey));
  }

  private static PrivateKey generate(String algorithm, byte[] pkcs8)
      throws TlsCredentialsException {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TlsCredentialsException(
          "invalid " + algorithm + " private key: " + e.getMessage(), e);
    }
  }
}
