package org.aquaticjava.loadtest.ws;

/**
 * The announces and scrapes one connection has in flight, oldest first. A WebSocket delivers in
 * order and trackers answer one connection's requests in order, so the oldest entry is the one the
 * next announce or scrape response (or error reply) belongs to. Requests given up on as lost leave
 * a debt of replies that will still come; those are counted as late when they do.
 *
 * <p>Not thread-safe: owned by the connection's event loop. Allocation-free after construction.
 */
final class PendingRequests {
  static final byte ANNOUNCE = 0;
  static final byte SCRAPE = 1;

  private final byte[] kinds;
  private final long[] startNanos;
  private final int[] torrentCounts;
  private int head;
  private int size;
  private int owedLate;

  PendingRequests(int capacity) {
    kinds = new byte[capacity];
    startNanos = new long[capacity];
    torrentCounts = new int[capacity];
  }

  boolean isFull() {
    return size == kinds.length;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** Adds a request sent with latency measured from {@code start}; the caller checks capacity. */
  void add(byte kind, long start, int torrentCount) {
    final int slot = (head + size) % kinds.length;
    kinds[slot] = kind;
    startNanos[slot] = start;
    torrentCounts[slot] = torrentCount;
    size++;
  }

  byte oldestKind() {
    return kinds[head];
  }

  long oldestStart() {
    return startNanos[head];
  }

  /** Info hashes the oldest request asked for (1 for an announce). */
  int oldestTorrentCount() {
    return torrentCounts[head];
  }

  /** Removes the oldest request (it was answered). */
  void removeOldest() {
    head = (head + 1) % kinds.length;
    size--;
  }

  /** Removes the oldest request as lost: its reply, if it still comes, is owed as late. */
  void loseOldest() {
    removeOldest();
    owedLate++;
  }

  /** Whether the next reply settles a debt of a lost request (and if so, settles it). */
  boolean takeOwedLate() {
    if (owedLate == 0) {
      return false;
    }
    owedLate--;
    return true;
  }
}
