package org.aquaticjava.core.persist;

import static org.aquaticjava.core.persist.SnapshotFormat.MAX_PEERS_PER_RECORD;

import java.io.IOException;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.swarm.InfoHash;
import org.aquaticjava.core.swarm.PeerWords;
import org.aquaticjava.core.swarm.ShardCopy;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;

/**
 * Writes the torrents of a {@link SwarmStore} as {@link SnapshotWriter} records: for a snapshot
 * file, or (later) a cluster peer's state transfer. Walks the store shard by shard through {@link
 * SwarmStore#copyShard}, so each shard is locked only while its words are copied; encoding and
 * writing happen outside every lock, on the caller's thread.
 *
 * <p>Peers expired under the store's {@code max_peer_age} (still held until the next cleaning) are
 * left out, and so are torrents with neither peers nor a completed count. Memory: one shard's copy,
 * reused. Not thread-safe: one encoder per writing thread.
 */
public final class SnapshotEncoder {
  private final SwarmSettings settings;
  private final ShardCopy copy;
  private final InfoHash infoHash = new InfoHash();

  public SnapshotEncoder(SwarmSettings settings) {
    this.settings = settings;
    this.copy = new ShardCopy(settings);
  }

  /** The META facts of a snapshot of a store with this encoder's settings, beginning now. */
  public SnapshotMeta meta(ServerClock clock, long wallMillis, ConnectionIdKey key) {
    return new SnapshotMeta(
        wallMillis, clock.secondsSinceStart(), settings.maxPeerAgeSeconds(), settings.tickSeconds(), key);
  }

  /** Writes every torrent of {@code store} to {@code out}, between its begin and finish. */
  public void write(SwarmStore store, ServerClock clock, SnapshotWriter out) throws IOException {
    for (int shard = 0; shard < store.shardCount(); shard++) {
      store.copyShard(shard, copy, clock);
      writeFamily(copy.family(false), false, out);
      writeFamily(copy.family(true), true, out);
    }
  }

  private void writeFamily(ShardCopy.Family family, boolean ipv6, SnapshotWriter out)
      throws IOException {
    final int stride = family.stride;
    int word = 0;
    for (int t = 0; t < family.torrents(); t++) {
      final int end = word + family.peerCount(t) * stride;
      int live = 0;
      for (int w = word; w < end; w += stride) {
        if (!copy.expired(family.word(w + stride - 1))) {
          live++;
        }
      }
      int completed = family.completed(t);
      if (live > 0 || completed > 0) {
        family.infoHash(t, infoHash);
        int w = word;
        do {
          final int inRecord = Math.min(live, MAX_PEERS_PER_RECORD);
          out.torrent(ipv6, infoHash, completed, inRecord);
          for (int written = 0; written < inRecord; w += stride) {
            final long last = family.word(w + stride - 1);
            if (copy.expired(last)) {
              continue;
            }
            if (ipv6) {
              out.ipv6Peer(family.word(w), family.word(w + 1), PeerWords.port(last),
                  PeerWords.seeder(last), copy.announceSecond(last));
            } else {
              out.ipv4Peer(PeerWords.ipv4(last), PeerWords.port(last), PeerWords.seeder(last),
                  copy.announceSecond(last));
            }
            written++;
          }
          live -= inRecord;
          completed = 0; // only the first record of a split torrent carries it
        } while (live > 0);
      }
      word = end;
    }
  }
}
