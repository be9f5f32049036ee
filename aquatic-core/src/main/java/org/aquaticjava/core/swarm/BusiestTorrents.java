package org.aquaticjava.core.swarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@value #MAX} torrents with the most peers among those offered, collected by a cleaning pass
 * that visits every torrent anyway, so that the stats page's {@code ?top=N} never walks the
 * swarms itself. A min-heap on the peer count in primitive arrays: offering a torrent smaller
 * than the smallest kept is one comparison, and memory is fixed. Single-threaded.
 */
public final class BusiestTorrents {
  /** How many are kept: the largest {@code ?top=N}. */
  public static final int MAX = 100;

  private final long[] hashA = new long[MAX];
  private final long[] hashB = new long[MAX];
  private final int[] hashC = new int[MAX];
  private final int[] peers = new int[MAX];
  private final int[] seeders = new int[MAX];
  private int size;

  /** Offers one torrent (its info hash as {@link InfoHash}'s three words). */
  public void offer(long a, long b, int c, int peerCount, int seederCount) {
    if (size < MAX) {
      set(size, a, b, c, peerCount, seederCount);
      siftUp(size++);
    } else if (peerCount > peers[0]) {
      set(0, a, b, c, peerCount, seederCount);
      siftDown(0);
    }
  }

  /** Offers every torrent {@code other} keeps. */
  public void addAll(BusiestTorrents other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.hashA[i], other.hashB[i], other.hashC[i], other.peers[i], other.seeders[i]);
    }
  }

  /** The kept torrents, most peers first (ties in no particular order). */
  public List<BusyTorrent> sorted() {
    final List<BusyTorrent> out = new ArrayList<>(size);
    final InfoHash hash = new InfoHash();
    for (int i = 0; i < size; i++) {
      out.add(new BusyTorrent(hash.set(hashA[i], hashB[i], hashC[i]).toString(), peers[i], seeders[i]));
    }
    out.sort(Comparator.comparingInt(BusyTorrent::peers).reversed());
    return List.copyOf(out);
  }

  private void set(int i, long a, long b, int c, int peerCount, int seederCount) {
    hashA[i] = a;
    hashB[i] = b;
    hashC[i] = c;
    peers[i] = peerCount;
    seeders[i] = seederCount;
  }

  private void siftUp(int i) {
    while (i > 0) {
      final int parent = (i - 1) / 2;
      if (peers[parent] <= peers[i]) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      final int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      final int right = left + 1;
      final int smaller = right < size && peers[right] < peers[left] ? right : left;
      if (peers[i] <= peers[smaller]) {
        return;
      }
      swap(i, smaller);
      i = smaller;
    }
  }

  private void swap(int i, int j) {
    swap(hashA, i, j);
    swap(hashB, i, j);
    swap(hashC, i, j);
    swap(peers, i, j);
    swap(seeders, i, j);
  }

  private static void swap(long[] values, int i, int j) {
    final long v = values[i];
    values[i] = values[j];
    values[j] = v;
  }

  private static void swap(int[] values, int i, int j) {
    final int v = values[i];
    values[i] = values[j];
    values[j] = v;
  }
}
