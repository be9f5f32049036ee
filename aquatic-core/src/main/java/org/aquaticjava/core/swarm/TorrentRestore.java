package org.aquaticjava.core.swarm;

import java.util.Arrays;

/**
 * One torrent to put back into a {@link SwarmStore} ({@link SwarmStore#restore}): info hash,
 * family, completed count and peers with the server-clock second of their last announce, as read
 * from a snapshot or a state transfer. Peers already in the store (or given twice) are kept once;
 * the completed count is added to the store's.
 *
 * <p>Reusable: {@link #reset} starts the next torrent and the peer buffer only grows. Not
 * thread-safe.
 */
public final class TorrentRestore {
  /** The torrent's info hash. */
  public final InfoHash infoHash = new InfoHash();

  private final int tickSeconds;
  private boolean ipv6;
  private int completed;
  private int peerCount;
  private long[] words = new long[48];

  /** A restore carrier for a store with these settings (they fix the announce tick). */
  public TorrentRestore(SwarmSettings settings) {
    this.tickSeconds = settings.tickSeconds();
  }

  /** Starts a torrent of the given family with no peers. */
  public TorrentRestore reset(boolean ipv6, int completed) {
    this.ipv6 = ipv6;
    this.completed = completed;
    this.peerCount = 0;
    return this;
  }

  /** Adds an IPv4 peer ({@code address} in network order) of an IPv4 torrent. */
  public void addIpv4Peer(int address, int port, boolean seeder, int announceSecond) {
    if (ipv6) {
      throw new IllegalStateException("IPv4 peer in an IPv6 torrent");
    }
    ensureRoom(PeerWords.IPV4_STRIDE);
    words[peerCount++] = (long) address << 32 | (long) (port & 0xFFFF) << 16 | meta(seeder, announceSecond);
  }

  /** Adds an IPv6 peer (address as high and low 64 bits, big-endian) of an IPv6 torrent. */
  public void addIpv6Peer(long high, long low, int port, boolean seeder, int announceSecond) {
    if (!ipv6) {
      throw new IllegalStateException("IPv6 peer in an IPv4 torrent");
    }
    ensureRoom(PeerWords.IPV6_STRIDE);
    final int base = peerCount++ * PeerWords.IPV6_STRIDE;
    words[base] = high;
    words[base + 1] = low;
    words[base + 2] = (long) (port & 0xFFFF) << 16 | meta(seeder, announceSecond);
  }

  private long meta(boolean seeder, int announceSecond) {
    return PeerWords.meta(seeder, Math.floorDiv(announceSecond, tickSeconds));
  }

  private void ensureRoom(int stride) {
    if ((peerCount + 1) * stride > words.length) {
      words = Arrays.copyOf(words, words.length * 2);
    }
  }

  /** Whether the torrent is of the IPv6 family. */
  public boolean ipv6() {
    return ipv6;
  }

  /** The completed count to add. */
  public int completed() {
    return completed;
  }

  /** Peers added since {@link #reset}. */
  public int peerCount() {
    return peerCount;
  }

  long[] words() {
    return words;
  }
}
