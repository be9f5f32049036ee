package org.aquaticjava.ws;

import java.util.concurrent.atomic.AtomicInteger;

/** The global cap on open TCP connections ({@code limits.max_connections}). Thread-safe. */
final class ConnectionLimiter {
  private final AtomicInteger open = new AtomicInteger();
  private final int max;

  ConnectionLimiter(int max) {
    this.max = max;
  }

  /** Takes a slot for a new connection, or returns false if all are taken. */
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
}
