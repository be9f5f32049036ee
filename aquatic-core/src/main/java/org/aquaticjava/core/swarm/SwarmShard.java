package org.aquaticjava.core.swarm;

/**
 * One shard of the swarm state: the IPv4 and IPv6 torrent tables of the info hashes that map to
 * it, and the random source for peer selection.
 *
 * <p><b>Single-threaded:</b> no method may run concurrently with another on the same shard. {@link
 * SwarmStore} guards each shard with a lock; a design with dedicated swarm workers can instead let
 * one thread own each shard and use it directly.
 */
public final class SwarmShard {
  private final TorrentTable ipv4;
  private final TorrentTable ipv6;
  private final int tickSeconds;
  private final int maxAgeTicks;
  private long randomState;

  /**
   * A shard using {@code seed} for its hash tables (keep it secret from clients) and, mixed with
   * {@code shardIndex}, for peer selection.
   */
  public SwarmShard(SwarmSettings settings, long seed, int shardIndex) {
    this.ipv4 = new TorrentTable(PeerWords.IPV4_STRIDE, seed);
    this.ipv6 = new TorrentTable(PeerWords.IPV6_STRIDE, Hashing.fmix(seed));
    this.tickSeconds = settings.tickSeconds();
    this.maxAgeTicks = settings.maxAgeTicks();
    this.randomState = Hashing.fmix(seed ^ Hashing.fmix(shardIndex + 1L));
  }

  /**
   * Applies the announce in {@code req} and fills its results: counts excluding the requester and
   * {@code min(peersWanted, others)} distinct peers other than the requester. A {@code stopped}
   * announce removes the peer (and does not create an unknown torrent) and gets the counts but no
   * peers. Allocates nothing unless
   * the swarm, its index or the torrent table has to grow.
   */
  public void announce(AnnounceSlot req, int nowSeconds) {
    final int tick = (nowSeconds / tickSeconds) & PeerWords.TICK_MASK;
    final TorrentTable table;
    if (req.ipv6) {
      table = ipv6;
      table.peerKey().setKey(req.ipv6High, req.ipv6Low, (long) (req.port & 0xFFFF) << 16);
    } else {
      table = ipv4;
      table.peerKey().setKey(0, 0, (long) req.ipv4 << 32 | (long) (req.port & 0xFFFF) << 16);
    }
    table.announce(req, tick, nextRandom());
  }

  /** Fills {@code out} with the counts of the torrent in the given family's swarm (zeros if unknown). */
  public void scrape(InfoHash hash, boolean ipv6, ScrapeCounts out) {
    (ipv6 ? this.ipv6 : ipv4).scrape(hash, out);
  }

  /**
   * Removes peers that have not announced for {@code maxPeerAgeSeconds}, torrents {@code allowed}
   * rejects and empty torrents, shrinks what shrank, and adds what remains to {@code stats}.
   */
  public void clean(int nowSeconds, InfoHashFilter allowed, CleaningAccumulator stats) {
    final int tick = (nowSeconds / tickSeconds) & PeerWords.TICK_MASK;
    ipv4.clean(tick, maxAgeTicks, allowed, stats.ipv4);
    ipv6.clean(tick, maxAgeTicks, allowed, stats.ipv6);
  }

  /** Copies both families' torrents into {@code out} (see {@link SwarmStore#copyShard}). */
  void copyTo(ShardCopy out) {
    out.clear();
    ipv4.copyTo(out.family(false));
    ipv6.copyTo(out.family(true));
  }

  /** Puts a torrent back (see {@link SwarmStore#restore}). */
  void restore(TorrentRestore torrent) {
    (torrent.ipv6() ? ipv6 : ipv4).restore(torrent);
  }

  /** Torrents currently held, both families (including empty ones awaiting cleaning). */
  public int torrentCount() {
    return ipv4.size() + ipv6.size();
  }

  private long nextRandom() {
    randomState += 0x9E3779B97F4A7C15L; // Weyl sequence, finalised: SplitMix-style generator
    return Hashing.fmix(randomState);
  }
}
