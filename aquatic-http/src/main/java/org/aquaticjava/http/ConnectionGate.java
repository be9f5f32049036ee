package org.aquaticjava.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections of the whole tracker against limits.max_connections. Thread-safe:
 * every socket worker acquires on accept and releases on close.
 */
final class ConnectionGate {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionGate(int max) {
    this.max = max;
  }

  /** Takes a slot; false (and nothing taken) if all are in use. */
  boolean tryAcquire() {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    open.decrementAndGet();
  }

  int open() {
    return open.get();
  }
}
