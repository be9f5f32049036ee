package org.aquaticjava.udp;

import java.util.HexFormat;

/** Distinct, readable 20-byte info hashes and peer ids for tests. */
final class Hashes {
  private Hashes() {}

  /** A hash whose first and last four bytes are {@code n}; never all zero for n != 0. */
  static byte[] infoHash(int n) {
    final byte[] hash = new byte[20];
    for (int i = 0; i < 4; i++) {
      hash[i] = (byte) (n >>> (24 - 8 * i));
      hash[16 + i] = hash[i];
    }
    hash[8] = (byte) 0xAB;
    return hash;
  }

  static byte[] peerId(int n) {
    final byte[] id = "-AJ0001-000000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    final byte[] digits = String.format("%012d", n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, id, 8, 12);
    return id;
  }

  /** The access-list file form: 40 hex digits. */
  static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }
}
