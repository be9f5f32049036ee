package org.aquaticjava.core.worker;

/**
 * Whether a tracker has begun to stop: set once by its {@code close}, read by its workers, which
 * then stop starting new work (e.g. relays to other event loops, which may already be shutting
 * down). Thread-safe: a volatile flag.
 */
public final class Stopping {
  private volatile boolean stopping;

  /** Whether {@link #stop} has been called. */
  public boolean stopping() {
    return stopping;
  }

  /** Marks the tracker as stopping; idempotent. */
  public void stop() {
    stopping = true;
  }
}
