package org.aquaticjava.netty;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on the open connections of one TCP tracker ({@code limits.max_connections}, as granted
 * by {@link TrackerRuntime#claimConnections}). Thread-safe: every socket worker acquires on accept
 * and releases on close.
 */
public final class ConnectionGate {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionGate(int max) {
    this.max = max;
  }

  /** Takes a slot for a new connection; false (and nothing taken) if all are in use. */
  public boolean tryAcquire() {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Gives back the slot of a closed connection. */
  public void release() {
    open.decrementAndGet();
  }
}
