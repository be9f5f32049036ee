package org.aquaticjava.loadtest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What happened to one worker's requests. Every request sent ends in exactly one of: a valid
 * response of some type, a valid error reply, a malformed reply, or lost (no reply within the
 * timeout, or none by the end of the run). Replies that match no request in flight (they came after
 * the timeout, or carry an unknown transaction id) are counted as late and change nothing else.
 *
 * <p>Single writer (the owning worker thread), any number of readers: writes are opaque stores of
 * a plain increment, reads are opaque loads, so progress lines see recent values without locks.
 * Allocation-free.
 */
public final class OutcomeCounters {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int SENT = 0;
  private static final int ERRORS = 1;
  private static final int LOST = 2;
  private static final int MALFORMED = 3;
  private static final int LATE = 4;
  private static final int FIRST_RESPONSE_TYPE = 5;

  private final long[] slots;

  /** Counters for a protocol with {@code responseTypes} kinds of successful response. */
  public OutcomeCounters(int responseTypes) {
    slots = new long[FIRST_RESPONSE_TYPE + responseTypes];
  }

  private void increment(int slot) {
    SLOTS.setOpaque(slots, slot, slots[slot] + 1);
  }

  private long read(int slot) {
    return (long) SLOTS.getOpaque(slots, slot);
  }

  /** One request left the socket. */
  public void sent() {
    increment(SENT);
  }

  /** A valid response of type {@code type} (an index into the protocol's type names). */
  public void response(int type) {
    increment(FIRST_RESPONSE_TYPE + type);
  }

  /** A valid error reply (e.g. BEP 15 action 3). */
  public void error() {
    increment(ERRORS);
  }

  /** A request got no reply in time. */
  public void lost() {
    increment(LOST);
  }

  /** A reply to a request in flight failed validation. */
  public void malformed() {
    increment(MALFORMED);
  }

  /** A reply matched no request in flight. */
  public void late() {
    increment(LATE);
  }

  /** Adds this worker's current values to {@code totals}. Callable from any thread. */
  public void addTo(Outcomes totals) {
    final long[] responses = new long[slots.length - FIRST_RESPONSE_TYPE];
    for (int i = 0; i < responses.length; i++) {
      responses[i] = read(FIRST_RESPONSE_TYPE + i);
    }
    totals.add(read(SENT), responses, read(ERRORS), read(LOST), read(MALFORMED), read(LATE));
  }
}
