package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A random payload file and a private (BEP 27) single-file torrent for it made with {@code
 * mktorrent}, announcing to one tracker URL. Immutable once made.
 *
 * @param torrent the {@code .torrent} file
 * @param seedDir the directory holding the payload (a seeder's data directory)
 * @param fileName the payload's name in {@code seedDir} and in a leecher's data directory
 * @param infoHash the info hash (20 bytes; do not modify)
 * @param sha256 the payload's sha256 (64 lower-case hex)
 */
record TestTorrent(Path torrent, Path seedDir, String fileName, byte[] infoHash, String sha256) {
  private static final String FILE_NAME = "payload.bin";
  /** 256 KiB pieces (mktorrent -l 18): a few MiB are a handful of pieces. */
  private static final int PIECE_LENGTH_EXPONENT = 18;

  /** Writes {@code size} random bytes to {@code dir/seed/payload.bin} and a torrent for them. */
  static TestTorrent make(Path dir, String announceUrl, int size)
      throws IOException, InterruptedException {
    final Path seedDir = Files.createDirectories(dir.resolve("seed"));
    final byte[] payload = new byte[size];
    ThreadLocalRandom.current().nextBytes(payload);
    final Path file = Files.write(seedDir.resolve(FILE_NAME), payload);
    final Path torrent = dir.resolve("payload.torrent");
    final ClientProcess.Result made =
        ClientProcess.run(
            List.of(
                "mktorrent",
                "-p",
                "-l",
                Integer.toString(PIECE_LENGTH_EXPONENT),
                "-a",
                announceUrl,
                "-o",
                torrent.toString(),
                file.toString()),
            Duration.ofSeconds(30));
    if (!made.ok()) {
      throw new IllegalStateException("mktorrent failed: " + made);
    }
    return new TestTorrent(
        torrent, seedDir, FILE_NAME, infoHash(Files.readAllBytes(torrent)), sha256(payload));
  }

  /**
   * This torrent with another announce URL, written to {@code file}: the same info dictionary,
   * so the same info hash and payload.
   */
  TestTorrent announcingTo(String announceUrl, Path file) throws IOException {
    final byte[] metainfo = Files.readAllBytes(torrent);
    final String text = new String(metainfo, StandardCharsets.ISO_8859_1);
    final int key = text.indexOf("8:announce");
    final int colon = text.indexOf(':', key + 10);
    if (key < 0 || colon < 0) {
      throw new IllegalStateException("no announce key in " + torrent);
    }
    final int length = Integer.parseInt(text.substring(key + 10, colon));
    final String rewritten =
        text.substring(0, key + 10)
            + announceUrl.length()
            + ":"
            + announceUrl
            + text.substring(colon + 1 + length);
    final byte[] bytes = rewritten.getBytes(StandardCharsets.ISO_8859_1);
    if (!Arrays.equals(infoHash(bytes), infoHash)) {
      throw new IllegalStateException("rewriting the announce URL changed the info hash");
    }
    Files.write(file, bytes);
    return new TestTorrent(file, seedDir, fileName, infoHash, sha256);
  }

  /** The info hash as 40 lower-case hex digits. */
  String infoHashHex() {
    return HexFormat.of().formatHex(infoHash);
  }

  /**
   * SHA-1 of the bencoded {@code info} dictionary. mktorrent writes the top-level keys sorted and
   * {@code info} sorts last of them ({@code announce}, {@code created by}, {@code creation date},
   * {@code info}), so the dictionary runs from after {@code 4:info} to the final {@code e}.
   */
  static byte[] infoHash(byte[] metainfo) {
    final byte[] key = "4:infod".getBytes(StandardCharsets.US_ASCII);
    int at = -1;
    for (int i = 0; i + key.length <= metainfo.length && at < 0; i++) {
      if (Arrays.equals(metainfo, i, i + key.length, key, 0, key.length)) {
        at = i + key.length - 1;
      }
    }
    if (at < 0 || metainfo[metainfo.length - 1] != 'e') {
      throw new IllegalStateException("no info dictionary at the end of the torrent");
    }
    try {
      final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(metainfo, at, metainfo.length - 1 - at);
      return sha1.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sha256 of {@code file} as 64 lower-case hex digits. */
  static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
