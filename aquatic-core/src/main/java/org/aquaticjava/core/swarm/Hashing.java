package org.aquaticjava.core.swarm;

/**
 * Seeded 64-bit hashing of info hashes and peer keys. The seed is random per process so that
 * clients cannot craft keys that collide in the open-addressing tables. Each part passes through
 * the MurmurHash3 finalizer before the next is mixed in, so collisions cannot be built without
 * knowing the seed. Stateless; thread-safe.
 */
final class Hashing {
  private Hashing() {}

  static long infoHash(long seed, long a, long b, int c) {
    return fmix(fmix(fmix(seed ^ a) ^ b) ^ c);
  }

  static long peer(long seed, int stride, long hi, long lo, long last) {
    return stride == 1 ? fmix(seed ^ last) : fmix(fmix(fmix(seed ^ hi) ^ lo) ^ last);
  }

  /** MurmurHash3 64-bit finalizer: a bijection with full avalanche. */
  static long fmix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
