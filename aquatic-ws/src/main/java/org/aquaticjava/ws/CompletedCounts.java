package org.aquaticjava.ws;

import java.io.IOException;
import java.util.Arrays;
import org.aquaticjava.core.persist.SnapshotWriter;
import org.aquaticjava.core.swarm.InfoHash;

/**
 * The completed counts of one shard's torrents, copied out under the shard's lock and written to a
 * snapshot after it is released ({@link WsSwarmStore#writeCompleted}). Reusable; the buffers only
 * grow. Not thread-safe.
 */
final class CompletedCounts {
  private final InfoHash infoHash = new InfoHash();
  private long[] hashAb = new long[64];
  private int[] ints = new int[96]; // hash c | completed | family (4 or 6)
  private int size;

  void clear() {
    size = 0;
  }

  void add(boolean ipv6, long a, long b, int c, int completed) {
    if (2 * size + 2 > hashAb.length) {
      hashAb = Arrays.copyOf(hashAb, hashAb.length * 2);
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    hashAb[2 * size] = a;
    hashAb[2 * size + 1] = b;
    ints[3 * size] = c;
    ints[3 * size + 1] = completed;
    ints[3 * size + 2] = ipv6 ? 6 : 4;
    size++;
  }

  /** Writes each count as a torrent record without peers. */
  void writeTo(SnapshotWriter out) throws IOException {
    for (int i = 0; i < size; i++) {
      infoHash.set(hashAb[2 * i], hashAb[2 * i + 1], ints[3 * i]);
      out.torrent(ints[3 * i + 2] == 6, infoHash, ints[3 * i + 1], 0);
    }
  }
}
