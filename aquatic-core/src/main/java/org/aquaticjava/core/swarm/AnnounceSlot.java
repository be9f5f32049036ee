package org.aquaticjava.core.swarm;

/**
 * One announce going into the store and its result coming back, reused by a worker thread for
 * every request so that the hot path allocates nothing.
 *
 * <p>The caller fills the request fields; {@link SwarmStore#announce} (or {@link
 * SwarmShard#announce}) fills the result fields. The caller has already canonicalised
 * IPv4-mapped IPv6 sources to IPv4 and clamped {@link #peersWanted}. Not thread-safe.
 */
public final class AnnounceSlot {
  /** The torrent. */
  public final InfoHash infoHash = new InfoHash();

  /** Selects the IPv6 swarm and the {@link #ipv6High}/{@link #ipv6Low} address. */
  public boolean ipv6;

  /** Source IPv4 address when {@link #ipv6} is false. */
  public int ipv4;

  /** Bytes 0-7 of the source IPv6 address, big-endian. */
  public long ipv6High;

  /** Bytes 8-15 of the source IPv6 address, big-endian. */
  public long ipv6Low;

  /** Announced port (0-65535); with the source address it is the peer's key. */
  public int port;

  /** The peer has the whole torrent ({@code left == 0}). */
  public boolean seeder;

  /** The peer leaves the swarm ({@code event=stopped}). */
  public boolean stopped;

  /** The peer reports {@code event=completed}; counted once per such announce. */
  public boolean completed;

  /** Peers wanted in the response, {@code >= 0}, already clamped by the caller. */
  public int peersWanted;

  /** Result: seeders in the swarm, not counting the requester. */
  public int seeders;

  /** Result: leechers in the swarm, not counting the requester. */
  public int leechers;

  /** Result: {@code completed} events counted for the torrent. */
  public int completedCount;

  /**
   * Result: number of peers in {@link #peerWords}, exactly {@code min(peersWanted, others)}; 0 for
   * a {@link #stopped} announce.
   */
  public int peerCount;

  /**
   * Result: the selected peers, never the requester. {@link #peerCount} words for IPv4, {@code 3 *
   * peerCount} for IPv6, laid out as in {@link PeerWords}.
   */
  public final long[] peerWords;

  /** A request able to return up to {@code maxPeers} peers of either family. */
  public AnnounceSlot(int maxPeers) {
    if (maxPeers < 0) {
      throw new IllegalArgumentException("maxPeers must be >= 0: " + maxPeers);
    }
    peerWords = new long[PeerWords.IPV6_STRIDE * maxPeers];
  }

  void clearResults() {
    seeders = 0;
    leechers = 0;
    completedCount = 0;
    peerCount = 0;
  }
}
