package org.aquaticjava.loadtest;

/**
 * Decides when a worker may send its next request. Open loop: request {@code k} of worker {@code w}
 * out of {@code W} is scheduled at {@code start + (k·W + w) / rate} seconds, so the workers'
 * schedules interleave evenly and the total is {@code rate} per second no matter how the tracker
 * answers; the scheduled time is what latencies are measured from. Closed loop: always due, and the
 * scheduled time is the actual send time.
 *
 * <p>Not thread-safe: owned by one worker. Allocation-free.
 */
public final class SendPacer {
  private final boolean openLoop;
  private final long startNanos;
  private final double nanosPerStep;
  private final long stride;
  private long step;
  private long nextDueNanos;

  private SendPacer(boolean openLoop, long startNanos, double nanosPerStep, long stride, long step) {
    this.openLoop = openLoop;
    this.startNanos = startNanos;
    this.nanosPerStep = nanosPerStep;
    this.stride = stride;
    this.step = step;
    this.nextDueNanos = openLoop ? startNanos + (long) (step * nanosPerStep) : Long.MIN_VALUE;
  }

  /** A pacer that is always due. */
  public static SendPacer closedLoop() {
    return new SendPacer(false, 0, 0, 0, 0);
  }

  /**
   * A fixed-rate schedule for worker {@code workerIndex} of {@code workers}, sharing {@code
   * totalRate} requests per second, starting at {@code startNanos} ({@link System#nanoTime()}).
   */
  public static SendPacer openLoop(int totalRate, int workers, int workerIndex, long startNanos) {
    if (totalRate <= 0 || workers <= 0 || workerIndex < 0 || workerIndex >= workers) {
      throw new IllegalArgumentException(
          "bad schedule: rate " + totalRate + ", worker " + workerIndex + " of " + workers);
    }
    return new SendPacer(true, startNanos, 1e9 / totalRate, workers, workerIndex);
  }

  /** Whether this pacer follows a fixed schedule. */
  public boolean isOpenLoop() {
    return openLoop;
  }

  /** Whether a request may be sent at {@code nowNanos}. */
  public boolean isDue(long nowNanos) {
    return nowNanos - nextDueNanos >= 0 || !openLoop;
  }

  /** Nanoseconds from {@code nowNanos} until the next request is due; 0 if it is due already. */
  public long nanosUntilDue(long nowNanos) {
    return openLoop ? Math.max(0, nextDueNanos - nowNanos) : 0;
  }

  /**
   * Takes the due request and returns the time its latency is measured from: the scheduled time in
   * open loop, {@code nowNanos} in closed loop.
   */
  public long take(long nowNanos) {
    if (!openLoop) {
      return nowNanos;
    }
    final long scheduled = nextDueNanos;
    step += stride;
    nextDueNanos = startNanos + (long) (step * nanosPerStep);
    return scheduled;
  }
}
