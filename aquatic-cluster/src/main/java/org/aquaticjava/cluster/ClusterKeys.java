package org.aquaticjava.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two keys every node derives from {@code cluster.secret} (PBKDF2-HMAC-SHA256, 200,000
 * rounds, salted with the cluster name, once at start): an AES-128 key for JGroups' encryption
 * of all traffic, and an HMAC key for the change batches ({@link BatchSeal}).
 */
record ClusterKeys(SecretKey encryption, byte[] batchMac) {
  private static final int ROUNDS = 200_000;

  static ClusterKeys derive(String secret, String clusterName) {
    try {
      final SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      final byte[] salt = ("aquatic-cluster:" + clusterName).getBytes(StandardCharsets.UTF_8);
      final byte[] material =
          factory.generateSecret(new PBEKeySpec(secret.toCharArray(), salt, ROUNDS, 48 * 8)).getEncoded();
      return new ClusterKeys(
          new SecretKeySpec(Arrays.copyOfRange(material, 0, 16), "AES"),
          Arrays.copyOfRange(material, 16, 48));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
