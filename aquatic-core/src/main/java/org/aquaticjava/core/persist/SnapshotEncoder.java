package org.aquaticjava.core.persist;

import static org.aquaticjava.core.persist.SnapshotFormat.MAX_PEERS_PER_RECORD;
import static org.aquaticjava.core.persist.SnapshotFormat.SEEDER_BIT;

import java.io.IOException;
import java.io.OutputStream;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.swarm.InfoHash;
import org.aquaticjava.core.swarm.PeerWords;
import org.aquaticjava.core.swarm.ShardCopy;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;

/**
 * Writes a {@link SwarmStore} in the {@link SnapshotFormat} to any stream: a snapshot file, or
 * (later) a cluster peer's state transfer. Walks the store shard by shard through {@link
 * SwarmStore#copyShard}, so each shard is locked only while its words are copied; encoding and
 * writing happen outside every lock, on the caller's thread.
 *
 * <p>Peers expired under the store's {@code max_peer_age} (still held until the next cleaning) are
 * left out, and so are torrents with neither peers nor a completed count. Memory: one shard's copy
 * and one section buffer (about 1 MiB), reused. Not thread-safe: one encoder per writing thread.
 */
public final class SnapshotEncoder {
  private final SwarmSettings settings;
  private final ShardCopy copy;
  private final SectionBuffer section = new SectionBuffer();
  private final InfoHash infoHash = new InfoHash();
  private final byte[] hashBytes = new byte[InfoHash.LENGTH];
  private long torrentRecords;
  private long peers;
  private int sectionRecords;
  private int countOffset;
  private boolean sectionOpen;

  /** What one snapshot held. */
  public record Summary(long torrentRecords, long peers) {}

  public SnapshotEncoder(SwarmSettings settings) {
    this.settings = settings;
    this.copy = new ShardCopy(settings);
  }

  /**
   * Writes a whole snapshot of {@code store}; does not flush or close {@code out}.
   *
   * @param meta when the snapshot began and the key; its clock and tick facts must match {@code
   *     clock} and the settings this encoder was made with
   */
  public Summary write(SwarmStore store, ServerClock clock, SnapshotMeta meta, OutputStream out)
      throws IOException {
    torrentRecords = 0;
    peers = 0;
    out.write(SnapshotFormat.MAGIC);
    out.write(new byte[] {0, (byte) SnapshotFormat.VERSION, 0, 0});
    section.clear();
    section.putLong(meta.wallMillis());
    section.putInt(meta.clockSeconds());
    section.putInt(meta.maxPeerAgeSeconds());
    section.putInt(meta.tickSeconds());
    section.putShort(SnapshotFormat.IPV4_PEER_LENGTH);
    section.putShort(SnapshotFormat.IPV6_PEER_LENGTH);
    section.putLong(meta.connectionIdKey().k0());
    section.putLong(meta.connectionIdKey().k1());
    section.writeSection(SnapshotFormat.SECTION_META, out);
    for (int shard = 0; shard < store.shardCount(); shard++) {
      store.copyShard(shard, copy, clock);
      writeFamily(copy.family(false), false, out);
      writeFamily(copy.family(true), true, out);
    }
    section.putLong(torrentRecords);
    section.putLong(peers);
    section.writeSection(SnapshotFormat.SECTION_END, out);
    return new Summary(torrentRecords, peers);
  }

  /** The meta facts of a snapshot of a store with this encoder's settings, beginning now. */
  public SnapshotMeta meta(ServerClock clock, long wallMillis, ConnectionIdKey key) {
    return new SnapshotMeta(
        wallMillis, clock.secondsSinceStart(), settings.maxPeerAgeSeconds(), settings.tickSeconds(), key);
  }

  private void writeFamily(ShardCopy.Family family, boolean ipv6, OutputStream out)
      throws IOException {
    final int stride = family.stride;
    int word = 0;
    for (int t = 0; t < family.torrents(); t++) {
      final int count = family.peerCount(t);
      final int end = word + count * stride;
      int live = 0;
      for (int w = word; w < end; w += stride) {
        if (!copy.expired(family.word(w + stride - 1))) {
          live++;
        }
      }
      int completed = family.completed(t);
      if (live > 0 || completed > 0) {
        family.infoHash(t, infoHash).writeBytes(hashBytes, 0);
        int w = word;
        do {
          final int inRecord = Math.min(live, MAX_PEERS_PER_RECORD);
          beginRecord(ipv6, completed, inRecord, out);
          for (int written = 0; written < inRecord; w += stride) {
            final long last = family.word(w + stride - 1);
            if (copy.expired(last)) {
              continue;
            }
            if (ipv6) {
              section.putLong(family.word(w));
              section.putLong(family.word(w + 1));
            } else {
              section.putInt(PeerWords.ipv4(last));
            }
            section.putShort(PeerWords.port(last));
            section.putInt((PeerWords.seeder(last) ? SEEDER_BIT : 0) | copy.announceSecond(last));
            written++;
          }
          live -= inRecord;
          peers += inRecord;
          completed = 0;
        } while (live > 0);
      }
      word = end;
    }
    closeSection(out);
  }

  private void beginRecord(boolean ipv6, int completed, int peerCount, OutputStream out)
      throws IOException {
    if (sectionOpen && section.length() >= SnapshotFormat.SECTION_TARGET) {
      closeSection(out);
    }
    if (!sectionOpen) {
      section.putByte(ipv6 ? 6 : 4);
      countOffset = section.length();
      section.putInt(0);
      sectionRecords = 0;
      sectionOpen = true;
    }
    for (byte b : hashBytes) {
      section.putByte(b);
    }
    section.putInt(completed);
    section.putInt(peerCount);
    sectionRecords++;
    torrentRecords++;
  }

  private void closeSection(OutputStream out) throws IOException {
    if (sectionOpen) {
      section.setInt(countOffset, sectionRecords);
      section.writeSection(SnapshotFormat.SECTION_TORRENTS, out);
      sectionOpen = false;
    }
  }
}
