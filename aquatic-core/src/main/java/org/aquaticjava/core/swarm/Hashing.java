package org.aquaticjava.core.swarm;

/**
 * Seeded 64-bit hashing of info hashes and peer keys. The seed is random per process so that
 * clients cannot craft keys that collide in the open-addressing tables. Each part passes through
 * the MurmurHash3 finalizer before the next is mixed in, so collisions cannot be built without
 * knowing the seed. Shared by every hash table keyed by client-chosen ids (the swarm store, the
 * WebTorrent store, the access list). Stateless; thread-safe.
 */
public final class Hashing {
  private Hashing() {}

  /** A 20-byte id as its words {@code a}, {@code b}, {@code c}, under {@code seed}. */
  public static long infoHash(long seed, long a, long b, int c) {
    return fmix(fmix(fmix(seed ^ a) ^ b) ^ c);
  }

  static long peer(long seed, int stride, long hi, long lo, long last) {
    return stride == 1 ? fmix(seed ^ last) : fmix(fmix(fmix(seed ^ hi) ^ lo) ^ last);
  }

  /** MurmurHash3 64-bit finalizer: a bijection with full avalanche. */
  public static long fmix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
