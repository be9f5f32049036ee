package org.aquaticjava.http.protocol;

import java.util.Objects;

/**
 * The info hashes of the last request target that parsed as {@link HttpParseOutcome#SCRAPE}, part of a
 * reusable {@link HttpQuery}. Not thread-safe; overwritten by every parse.
 *
 * <p>The first {@link #capacity()} {@code info_hash} parameters are kept, then <b>sorted byte-wise
 * and de-duplicated</b>, so they can be written straight into the bencoded {@code files}
 * dictionary (sorted keys, no duplicates) in index order. Parameters beyond the capacity are
 * counted ({@link #hashesPresent()}) but not kept: the capacity is the server's {@code
 * max_scrape_torrents}. Sorting is an insertion sort, quadratic in the capacity, which is meant to
 * be in the hundreds at most.
 */
public final class ScrapeQuery {
  private final long[] a;
  private final long[] b;
  private final int[] c;
  private int count;
  private int present;

  ScrapeQuery(int capacity) {
    a = new long[capacity];
    b = new long[capacity];
    c = new int[capacity];
  }

  // ---- written by the parser (same package) ----

  void reset() {
    count = 0;
    present = 0;
  }

  /** Keeps the hash if there is room; counts it either way. */
  void add(long hashA, long hashB, int hashC) {
    if (count < a.length) {
      a[count] = hashA;
      b[count] = hashB;
      c[count] = hashC;
      count++;
    }
    present++;
  }

  /** Sorts the kept hashes byte-wise and removes duplicates. */
  void sortAndDeduplicate() {
    for (int i = 1; i < count; i++) {
      final long ha = a[i];
      final long hb = b[i];
      final int hc = c[i];
      int j = i - 1;
      while (j >= 0 && InfoHashes.compare(a[j], b[j], c[j], ha, hb, hc) > 0) {
        a[j + 1] = a[j];
        b[j + 1] = b[j];
        c[j + 1] = c[j];
        j--;
      }
      a[j + 1] = ha;
      b[j + 1] = hb;
      c[j + 1] = hc;
    }
    int distinct = Math.min(count, 1);
    for (int i = 1; i < count; i++) {
      if (a[i] != a[distinct - 1] || b[i] != b[distinct - 1] || c[i] != c[distinct - 1]) {
        a[distinct] = a[i];
        b[distinct] = b[i];
        c[distinct] = c[i];
        distinct++;
      }
    }
    count = distinct;
  }

  // ---- read by the server ----

  /** Most hashes kept per scrape. */
  public int capacity() {
    return a.length;
  }

  /** Distinct hashes kept, at least 1 after a SCRAPE outcome; index them 0..count-1. */
  public int hashCount() {
    return count;
  }

  /**
   * How many {@code info_hash} parameters the target carried, duplicates and those beyond the
   * capacity included; {@code hashesPresent() > capacity()} means the scrape was truncated.
   */
  public int hashesPresent() {
    return present;
  }

  /** Bytes 0-7 of hash {@code i}, big-endian; hashes are in ascending byte order. */
  public long infoHashA(int i) {
    return a[Objects.checkIndex(i, count)];
  }

  /** Bytes 8-15 of hash {@code i}, big-endian. */
  public long infoHashB(int i) {
    return b[Objects.checkIndex(i, count)];
  }

  /** Bytes 16-19 of hash {@code i}, big-endian. */
  public int infoHashC(int i) {
    return c[Objects.checkIndex(i, count)];
  }
}
