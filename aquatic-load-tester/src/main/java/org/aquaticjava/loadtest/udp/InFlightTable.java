package org.aquaticjava.loadtest.udp;

/**
 * The requests one socket has in flight, in a fixed number of slots. A request's transaction id
 * encodes its slot and the slot's use count:
 *
 * <pre>
 *  31              16 15               0
 * +------------------+------------------+
 * |  generation u16  |     slot u16     |
 * +------------------+------------------+
 * </pre>
 *
 * so a reply is attributed to its request in O(1), and a reply to an earlier use of the same slot
 * (one that came after its timeout) does not match. The slot remembers the request kind, the peer,
 * what the reply must contain and the times latency and timeout are measured from.
 *
 * <p>Not thread-safe: owned by one worker. Allocation-free after construction.
 */
final class InFlightTable {
  static final int MAX_SLOTS = 1 << 16;
  private static final int SLOT_MASK = MAX_SLOTS - 1;

  private final int[] transactionIds;
  private final byte[] kinds;
  private final int[] peers;
  private final int[] expectedCounts;
  private final long[] latencyStartNanos;
  private final long[] sentNanos;
  private final int[] freeSlots;
  private int freeCount;

  InFlightTable(int capacity) {
    if (capacity < 1 || capacity > MAX_SLOTS) {
      throw new IllegalArgumentException("capacity must be 1.." + MAX_SLOTS + ": " + capacity);
    }
    transactionIds = new int[capacity];
    kinds = new byte[capacity];
    peers = new int[capacity];
    expectedCounts = new int[capacity];
    latencyStartNanos = new long[capacity];
    sentNanos = new long[capacity];
    freeSlots = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      kinds[i] = RequestKind.NONE;
      freeSlots[i] = capacity - 1 - i;
      transactionIds[i] = i;
    }
    freeCount = capacity;
  }

  /** Slots in total. */
  int capacity() {
    return kinds.length;
  }

  /** Whether a slot is free. */
  boolean hasFreeSlot() {
    return freeCount > 0;
  }

  /** Requests in flight. */
  int inFlight() {
    return kinds.length - freeCount;
  }

  /**
   * Takes a free slot for a request and returns its transaction id. Call {@link #hasFreeSlot()}
   * first.
   *
   * @param expectedCount peers allowed (announce, -1 for any) or scrape entries required (scrape)
   */
  int acquire(byte kind, int peer, int expectedCount, long latencyStart, long sent) {
    final int slot = freeSlots[--freeCount];
    final int transactionId = (transactionIds[slot] + MAX_SLOTS & ~SLOT_MASK) | slot;
    transactionIds[slot] = transactionId;
    kinds[slot] = kind;
    peers[slot] = peer;
    expectedCounts[slot] = expectedCount;
    latencyStartNanos[slot] = latencyStart;
    sentNanos[slot] = sent;
    return transactionId;
  }

  /** The slot in flight with this transaction id, or -1 if none (late or foreign reply). */
  int find(int transactionId) {
    final int slot = transactionId & SLOT_MASK;
    return slot < kinds.length
            && kinds[slot] != RequestKind.NONE
            && transactionIds[slot] == transactionId
        ? slot
        : -1;
  }

  byte kind(int slot) {
    return kinds[slot];
  }

  int peer(int slot) {
    return peers[slot];
  }

  int expectedCount(int slot) {
    return expectedCounts[slot];
  }

  long latencyStartNanos(int slot) {
    return latencyStartNanos[slot];
  }

  /** Frees a slot after its reply, its timeout or a failed send. */
  void release(int slot) {
    kinds[slot] = RequestKind.NONE;
    freeSlots[freeCount++] = slot;
  }

  /**
   * Frees every slot sent before {@code sentBefore} and returns how many were freed; reports each
   * expired kind to {@code expired}.
   */
  int expire(long sentBefore, ExpiryListener expired) {
    if (freeCount == kinds.length) {
      return 0;
    }
    int count = 0;
    for (int slot = 0; slot < kinds.length; slot++) {
      if (kinds[slot] != RequestKind.NONE && sentNanos[slot] - sentBefore < 0) {
        expired.onExpired(kinds[slot]);
        release(slot);
        count++;
      }
    }
    return count;
  }

  /** Told about each request that timed out. */
  @FunctionalInterface
  interface ExpiryListener {
    void onExpired(byte kind);
  }
}
