package org.aquaticjava.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The simulated peers of a run, generated from the workload seed. Peer {@code i} has a fixed
 * torrent (drawn by popularity, so popular torrents have big swarms), a fixed listen port, a fixed
 * peer id and is a seeder or a leecher for the whole run.
 *
 * <p>Immutable after construction and safe to share between worker threads. Peers are split between
 * workers by {@code peer % workers}; the mutable announce state lives in each worker's {@link
 * PeerEvents}.
 */
public final class PeerPool {
  /** Bytes in one peer id. */
  public static final int PEER_ID_LENGTH = 20;

  /** Lowest port handed out: stays clear of privileged ports. */
  static final int MIN_PORT = 1024;

  private static final byte[] PEER_ID_PREFIX = "-AJ0100-".getBytes(StandardCharsets.US_ASCII);

  private final int[] torrents;
  private final char[] ports;
  private final boolean[] seeders;

  private PeerPool(int[] torrents, char[] ports, boolean[] seeders) {
    this.torrents = torrents;
    this.ports = ports;
    this.seeders = seeders;
  }

  /** Generates the peers of {@code config} over {@code torrents}. */
  public static PeerPool generate(WorkloadConfig config, TorrentPool torrentPool) {
    final int n = config.numberOfPeers();
    // A seed distinct from the one of the info hashes, so the two sequences are independent.
    final SplittableRandom random = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L);
    final int[] torrents = new int[n];
    final char[] ports = new char[n];
    final boolean[] seeders = new boolean[n];
    for (int i = 0; i < n; i++) {
      torrents[i] = torrentPool.sample(random);
      ports[i] = (char) random.nextInt(MIN_PORT, 65536);
      seeders[i] = random.nextDouble() < config.peerSeederProbability();
    }
    return new PeerPool(torrents, ports, seeders);
  }

  /** Number of peers. */
  public int size() {
    return torrents.length;
  }

  /** The torrent index peer {@code peer} announces. */
  public int torrentOf(int peer) {
    return torrents[peer];
  }

  /** The listen port of peer {@code peer}, 1024..65535. */
  public int portOf(int peer) {
    return ports[peer];
  }

  /** Whether peer {@code peer} is a seeder (announces {@code left = 0}). */
  public boolean isSeeder(int peer) {
    return seeders[peer];
  }

  /**
   * Writes the 20-byte peer id of {@code peer} into {@code destination} at {@code offset}: an
   * Azureus-style prefix and the peer index in 12 decimal digits, so every peer is distinct even
   * for trackers that key peers by id. Allocation-free.
   */
  public static void writePeerId(int peer, byte[] destination, int offset) {
    System.arraycopy(PEER_ID_PREFIX, 0, destination, offset, PEER_ID_PREFIX.length);
    int rest = peer;
    for (int i = PEER_ID_LENGTH - 1; i >= PEER_ID_PREFIX.length; i--) {
      destination[offset + i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
  }
}
