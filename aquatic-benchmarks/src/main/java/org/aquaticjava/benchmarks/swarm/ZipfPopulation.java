package org.aquaticjava.benchmarks.swarm;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.SwarmStore;

/**
 * A deterministic tracker population: {@code torrents} torrents holding {@code peers} IPv4 peers in
 * total, swarm sizes following Zipf's law over torrent rank, as on public trackers where a few
 * torrents are huge and most have one or two peers.
 *
 * <p>The torrent of rank {@code r} (1-based) gets {@code 1 + floor((peers - torrents) * r^-s / H)}
 * peers, {@code H} being the sum of {@code r^-s}; the rounding remainder goes one each to the top
 * ranks, so every torrent has at least one peer and the total is exact. With s = 1.0, 1,000,000
 * torrents and 10,000,000 peers the largest swarm has 625,317 peers and the median swarm 3.
 *
 * <p>Peer {@code i} (global index) has IPv4 address {@code i * 0x9E3779B1} (a bijection on 32
 * bits, so addresses are distinct and scattered) and port {@code 6881 + (i & 255)}; every third
 * peer is a seeder. Info hashes are random from the seed. Immutable after construction, so
 * thread-safe. Public for the protocol benchmarks, which announce the same population through their
 * own request formats.
 */
public final class ZipfPopulation {
  final int torrents;
  final int peers;
  final long[] hashA;
  final long[] hashB;
  final int[] hashC;
  /** Global index of each torrent's first peer; {@code firstPeer[torrents] == peers}. */
  final int[] firstPeer;

  public ZipfPopulation(int torrents, int peers, double exponent, long seed) {
    if (peers < torrents) {
      throw new IllegalArgumentException("every torrent needs a peer: " + peers + " < " + torrents);
    }
    this.torrents = torrents;
    this.peers = peers;
    this.hashA = new long[torrents];
    this.hashB = new long[torrents];
    this.hashC = new int[torrents];
    this.firstPeer = new int[torrents + 1];
    final SplittableRandom random = new SplittableRandom(seed);
    for (int t = 0; t < torrents; t++) {
      hashA[t] = random.nextLong();
      hashB[t] = random.nextLong();
      hashC[t] = random.nextInt();
    }
    double harmonic = 0;
    for (int r = 1; r <= torrents; r++) {
      harmonic += Math.pow(r, -exponent);
    }
    final long extra = peers - (long) torrents;
    final int[] sizes = new int[torrents];
    long assigned = 0;
    for (int r = 1; r <= torrents; r++) {
      sizes[r - 1] = 1 + (int) Math.floor(extra * Math.pow(r, -exponent) / harmonic);
      assigned += sizes[r - 1];
    }
    for (int r = 0; assigned < peers; r = (r + 1) % torrents) {
      sizes[r]++;
      assigned++;
    }
    for (int t = 0; t < torrents; t++) {
      firstPeer[t + 1] = firstPeer[t] + sizes[t];
    }
  }

  public int torrents() {
    return torrents;
  }

  public int peers() {
    return peers;
  }

  public int swarmSize(int torrent) {
    return firstPeer[torrent + 1] - firstPeer[torrent];
  }

  /** Global index of the first peer of {@code torrent}; its peers are consecutive. */
  public int firstPeer(int torrent) {
    return firstPeer[torrent];
  }

  /** The 20-byte info hash of {@code torrent}, big-endian as packed in {@code hashA/B/C}. */
  public byte[] infoHash(int torrent) {
    return ByteBuffer.allocate(20)
        .putLong(hashA[torrent])
        .putLong(hashB[torrent])
        .putInt(hashC[torrent])
        .array();
  }

  /** IPv4 address of global peer {@code peer}, big-endian. */
  public static int ipv4(int peer) {
    return peer * 0x9E3779B1;
  }

  public static int port(int peer) {
    return 6881 + (peer & 255);
  }

  public static boolean isSeeder(int peer) {
    return peer % 3 == 0;
  }

  /** The torrent holding global peer {@code peer}. */
  public int torrentOf(int peer) {
    int lo = 0;
    int hi = torrents - 1;
    while (lo < hi) {
      final int mid = (lo + hi + 1) >>> 1;
      if (firstPeer[mid] <= peer) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Fills {@code req} with the announce of peer {@code peer} of {@code torrent}. */
  void fill(AnnounceSlot req, int torrent, int peer, int peersWanted) {
    req.infoHash.set(hashA[torrent], hashB[torrent], hashC[torrent]);
    req.ipv6 = false;
    req.ipv4 = ipv4(peer);
    req.port = port(peer);
    req.seeder = isSeeder(peer);
    req.stopped = false;
    req.completed = false;
    req.peersWanted = peersWanted;
  }

  /** Announces every peer into {@code store} at time {@code nowSeconds}, torrent by torrent. */
  void populate(SwarmStore store, int nowSeconds) {
    final AnnounceSlot req = new AnnounceSlot(0);
    for (int t = 0; t < torrents; t++) {
      for (int p = firstPeer[t]; p < firstPeer[t + 1]; p++) {
        fill(req, t, p, 0);
        store.announce(req, nowSeconds);
      }
    }
  }
}
