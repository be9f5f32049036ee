package org.aquaticjava.core.time;

import java.util.function.LongSupplier;

/**
 * Whole seconds since this clock was created, from a monotonic nanosecond source ({@link
 * System#nanoTime()} in production), so wall-clock steps (NTP, DST, an operator's {@code date})
 * never expire or revive peers and connection ids. An {@code int} of seconds lasts 68 years.
 *
 * <p>A clock may start at a later reading than zero ({@link #startingAt}): warm restart continues
 * the previous process's clock (its reading at the snapshot plus the time the tracker was down),
 * so connection ids and announce times issued before the restart keep their meaning.
 *
 * <p>Reading costs a {@code nanoTime} call: read it once per batch or duty cycle and pass the
 * value down, as aquatic does. Thread-safe and immutable.
 */
public final class ServerClock {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final LongSupplier nanoSource;
  private final long startNanos;
  private final long offsetNanos;

  /** A clock starting now on {@link System#nanoTime()}. */
  public static ServerClock startingNow() {
    return new ServerClock(System::nanoTime);
  }

  /**
   * A clock on {@link System#nanoTime()} that reads {@code seconds} now.
   *
   * @throws IllegalArgumentException if {@code seconds} is negative
   */
  public static ServerClock startingAt(int seconds) {
    return new ServerClock(System::nanoTime, seconds);
  }

  /** A clock starting at the source's current reading; for tests with a controlled source. */
  public ServerClock(LongSupplier nanoSource) {
    this(nanoSource, 0);
  }

  /** A clock reading {@code seconds} at the source's current reading. */
  public ServerClock(LongSupplier nanoSource, int seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("a clock cannot start before zero: " + seconds);
    }
    this.nanoSource = nanoSource;
    this.startNanos = nanoSource.getAsLong();
    this.offsetNanos = seconds * NANOS_PER_SECOND;
  }

  /**
   * Whole seconds elapsed since start (plus the starting reading), never negative (a source that steps backwards reads as
   * zero elapsed, not as a huge unsigned value) and saturating at {@link Integer#MAX_VALUE}.
   */
  public int secondsSinceStart() {
    return (int) Math.min(nanosSinceStart() / NANOS_PER_SECOND, Integer.MAX_VALUE);
  }

  /** Nanoseconds elapsed since start (plus the starting reading), never negative. */
  public long nanosSinceStart() {
    return offsetNanos + Math.max(0, nanoSource.getAsLong() - startNanos);
  }
}
