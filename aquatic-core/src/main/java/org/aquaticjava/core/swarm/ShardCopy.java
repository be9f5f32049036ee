package org.aquaticjava.core.swarm;

import java.util.Arrays;

/**
 * The torrents of one shard, copied out of the store under the shard's lock ({@link
 * SwarmStore#copyShard}) so that they can be encoded (for a snapshot or a state transfer) after
 * the lock is released. Holds, per family, each torrent's info hash, completed count and peers in
 * the store's own word layout ({@link PeerWords}); announce ticks are turned back into seconds of
 * the server clock by {@link #announceSecond}.
 *
 * <p>Reusable: each copy replaces the previous one and the buffers only grow, so a snapshot
 * allocates in proportion to its largest shard, not to the store. Not thread-safe.
 */
public final class ShardCopy {
  private final int tickSeconds;
  private final int maxAgeTicks;
  private final Family ipv4 = new Family(PeerWords.IPV4_STRIDE);
  private final Family ipv6 = new Family(PeerWords.IPV6_STRIDE);
  private int nowTick;
  private int nowTickStartSecond;

  /** A copy buffer for stores with these settings. */
  public ShardCopy(SwarmSettings settings) {
    this.tickSeconds = settings.tickSeconds();
    this.maxAgeTicks = settings.maxAgeTicks();
  }

  /** The IPv4 or IPv6 torrents of the copied shard. */
  public Family family(boolean ipv6) {
    return ipv6 ? this.ipv6 : ipv4;
  }

  /** Empties both families; the store calls it under the shard lock before copying. */
  void clear() {
    ipv4.clear();
    ipv6.clear();
  }

  /**
   * Fixes the time the copy is read against; the store calls it after copying (any peer in the
   * copy announced at or before {@code nowSeconds}).
   */
  void stamp(int nowSeconds) {
    nowTick = (nowSeconds / tickSeconds) & PeerWords.TICK_MASK;
    nowTickStartSecond = nowSeconds - nowSeconds % tickSeconds;
  }

  /**
   * Whether the peer whose last word is {@code lastWord} has expired under the store's {@code
   * max_peer_age} (it would be removed at the next cleaning).
   */
  public boolean expired(long lastWord) {
    return ageTicks(lastWord) > maxAgeTicks;
  }

  /**
   * The server-clock second of the peer's last announce, rounded down to the start of its tick
   * (so a restored peer is never younger than it was), never negative.
   */
  public int announceSecond(long lastWord) {
    return Math.max(0, nowTickStartSecond - ageTicks(lastWord) * tickSeconds);
  }

  private int ageTicks(long lastWord) {
    return (nowTick - PeerWords.tick(lastWord)) & PeerWords.TICK_MASK;
  }

  /**
   * One family's torrents in copy order: torrent {@code t}'s peers are the {@link #peerCount}
   * entries of {@link #stride} words that follow those of torrents {@code 0..t-1} in {@link
   * #word}.
   */
  public static final class Family {
    /** Words per peer: {@link PeerWords#IPV4_STRIDE} or {@link PeerWords#IPV6_STRIDE}. */
    public final int stride;

    private int torrents;
    private long[] hashAb = new long[32];
    private int[] ints = new int[48]; // hash c | completed | peer count
    private long[] words = new long[64];
    private int wordCount;

    private Family(int stride) {
      this.stride = stride;
    }

    private void clear() {
      torrents = 0;
      wordCount = 0;
    }

    void add(long a, long b, int c, int completed, long[] peerWords, int peerCount) {
      if (2 * torrents + 2 > hashAb.length) {
        hashAb = Arrays.copyOf(hashAb, hashAb.length * 2);
        ints = Arrays.copyOf(ints, ints.length * 2);
      }
      hashAb[2 * torrents] = a;
      hashAb[2 * torrents + 1] = b;
      ints[3 * torrents] = c;
      ints[3 * torrents + 1] = completed;
      ints[3 * torrents + 2] = peerCount;
      torrents++;
      final int n = peerCount * stride;
      if (wordCount + n > words.length) {
        words = Arrays.copyOf(words, Math.max(words.length * 2, wordCount + n));
      }
      System.arraycopy(peerWords, 0, words, wordCount, n);
      wordCount += n;
    }

    /** Torrents copied. */
    public int torrents() {
      return torrents;
    }

    /** Sets {@code out} to torrent {@code t}'s info hash and returns it. */
    public InfoHash infoHash(int t, InfoHash out) {
      return out.set(hashAb[2 * t], hashAb[2 * t + 1], ints[3 * t]);
    }

    /** Torrent {@code t}'s completed count. */
    public int completed(int t) {
      return ints[3 * t + 1];
    }

    /** Torrent {@code t}'s peers. */
    public int peerCount(int t) {
      return ints[3 * t + 2];
    }

    /** Word {@code i} of the concatenated peers ({@link PeerWords} layout). */
    public long word(int i) {
      return words[i];
    }
  }
}
