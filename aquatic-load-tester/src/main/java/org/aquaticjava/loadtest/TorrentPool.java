package org.aquaticjava.loadtest;

import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The fixed pool of info hashes a run talks about, generated from a seed, and their popularity.
 * Index 0 is the most popular torrent ({@link ZipfSampler}).
 *
 * <p>Immutable after construction and safe to share between worker threads.
 */
public final class TorrentPool {
  /** Bytes in one info hash. */
  public static final int INFO_HASH_LENGTH = 20;

  private final byte[] infoHashes;
  private final ZipfSampler popularity;

  private TorrentPool(byte[] infoHashes, ZipfSampler popularity) {
    this.infoHashes = infoHashes;
    this.popularity = popularity;
  }

  /** Generates the pool described by {@code config}: same seed, same hashes, same popularity. */
  public static TorrentPool generate(WorkloadConfig config) {
    final byte[] hashes = new byte[Math.multiplyExact(config.numberOfTorrents(), INFO_HASH_LENGTH)];
    new SplittableRandom(config.seed()).nextBytes(hashes);
    return new TorrentPool(
        hashes, new ZipfSampler(config.numberOfTorrents(), config.torrentPopularityExponent()));
  }

  /** Number of torrents. */
  public int size() {
    return popularity.size();
  }

  /** Draws a torrent index by popularity. Allocation-free. */
  public int sample(SplittableRandom random) {
    return popularity.sample(random);
  }

  /**
   * The backing array of all info hashes, torrent {@code i} at {@link #offsetOf(int) offsetOf(i)}.
   * Exposed for allocation-free request writing: callers must not modify it.
   */
  public byte[] infoHashBytes() {
    return infoHashes;
  }

  /** Offset of torrent {@code index}'s info hash in {@link #infoHashBytes()}. */
  public static int offsetOf(int index) {
    return index * INFO_HASH_LENGTH;
  }

  /** Info hash of torrent {@code index} as 40 lower-case hex digits (for tracker whitelists). */
  public String infoHashHex(int index) {
    return HexFormat.of().formatHex(infoHashes, offsetOf(index), offsetOf(index) + INFO_HASH_LENGTH);
  }
}
