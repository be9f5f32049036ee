package org.aquaticjava.ws;

/**
 * The offers a peer sent that still wait for their answer: per entry the receiver's peer id, the
 * offer id and the second the offer expires. An answer is relayed only if it matches an entry
 * (aquatic 0.9), which also stops peers from injecting answers nobody asked for.
 *
 * <p>Six longs per entry in one array that grows from {@link #INITIAL_ENTRIES} up to the capacity
 * given at each {@link #add}; when full, expired entries are dropped first, then the oldest. Not
 * thread-safe: guarded by the lock of the shard holding the peer.
 */
final class PendingOffers {
  private static final int STRIDE = 6;
  private static final int INITIAL_ENTRIES = 4;
  // Entry layout: receiver a, receiver b, offer a, offer b, (receiver c << 32 | offer c), expiry.
  private long[] entries = new long[INITIAL_ENTRIES * STRIDE];
  private int count;

  int size() {
    return count;
  }

  /** Remembers an offer relayed to {@code receiver} until {@code expiresAt}. */
  void add(
      long receiverA, long receiverB, int receiverC,
      long offerA, long offerB, int offerC,
      int expiresAt, int now, int capacity) {
    if (count * STRIDE == entries.length) {
      if (removeExpired(now) == 0) {
        if (count < capacity) {
          final long[] grown = new long[Math.min(capacity, count * 2) * STRIDE];
          System.arraycopy(entries, 0, grown, 0, count * STRIDE);
          entries = grown;
        } else {
          removeAt(0); // the oldest: entries are appended in time order and removals keep order
        }
      }
    }
    final int i = count * STRIDE;
    entries[i] = receiverA;
    entries[i + 1] = receiverB;
    entries[i + 2] = offerA;
    entries[i + 3] = offerB;
    entries[i + 4] = (long) receiverC << 32 | (offerC & 0xFFFF_FFFFL);
    entries[i + 5] = expiresAt;
    count++;
  }

  /**
   * Removes the entry for this receiver and offer and says whether it was still valid at {@code
   * now}; an expired match is removed too and reported as no match.
   */
  boolean take(
      long receiverA, long receiverB, int receiverC,
      long offerA, long offerB, int offerC, int now) {
    final long packedC = (long) receiverC << 32 | (offerC & 0xFFFF_FFFFL);
    for (int e = 0; e < count; e++) {
      final int i = e * STRIDE;
      if (entries[i] == receiverA && entries[i + 1] == receiverB && entries[i + 2] == offerA
          && entries[i + 3] == offerB && entries[i + 4] == packedC) {
        final boolean valid = entries[i + 5] >= now;
        removeAt(e);
        return valid;
      }
    }
    return false;
  }

  /** Drops expired entries, keeping order; returns how many. */
  int removeExpired(int now) {
    int kept = 0;
    for (int e = 0; e < count; e++) {
      final int i = e * STRIDE;
      if (entries[i + 5] >= now) {
        if (kept != e) {
          System.arraycopy(entries, i, entries, kept * STRIDE, STRIDE);
        }
        kept++;
      }
    }
    final int removed = count - kept;
    count = kept;
    return removed;
  }

  private void removeAt(int e) {
    final int i = e * STRIDE;
    System.arraycopy(entries, i + STRIDE, entries, i, (count - e - 1) * STRIDE);
    count--;
  }
}
