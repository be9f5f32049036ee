package org.aquaticjava.http;

import java.util.HexFormat;

/** Fixed info hashes and peer ids for tests. */
final class Hashes {
  private Hashes() {}

  /** A 20-byte value whose every byte is {@code b}. */
  static byte[] filled(int b) {
    final byte[] bytes = new byte[20];
    java.util.Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  /** The 20 bytes of a 40-digit hex string. */
  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** A peer id that differs per {@code n}. */
  static byte[] peerId(int n) {
    final byte[] id = "-AJ0001-000000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    id[19] = (byte) ('0' + n % 10);
    id[18] = (byte) ('0' + n / 10 % 10);
    return id;
  }
}
