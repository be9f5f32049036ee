package org.aquaticjava.loadtest;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.jspecify.annotations.Nullable;

/**
 * One worker's reply latencies in nanoseconds (resolution 1 us, three significant digits, up to one
 * hour; longer values are clamped). In open-loop runs the worker records from the <em>scheduled</em>
 * send time rather than the actual one, so a stalled tracker shows up as latency instead of being
 * hidden by the generator waiting for it (coordinated-omission correction).
 *
 * <p>{@link #record} is called by the owning worker only; it is wait-free and allocation-free.
 * {@link #drainInto} may be called from any one reader thread at a time (HdrHistogram's {@link
 * SingleWriterRecorder} phaser guarantees a consistent interval).
 */
public final class LatencyRecorder {
  /** Largest recorded value; longer latencies are clamped to it. */
  public static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

  private static final long LOWEST_DISCERNIBLE_NANOS = 1000;
  private static final int SIGNIFICANT_DIGITS = 3;

  private final SingleWriterRecorder recorder =
      new SingleWriterRecorder(LOWEST_DISCERNIBLE_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
  /** The histogram the recorder handed out last time, recycled on the next drain. */
  private @Nullable Histogram spare;

  /** An empty histogram with this recorder's layout. */
  public static Histogram newHistogram() {
    return new Histogram(LOWEST_DISCERNIBLE_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
  }

  /** Records {@code replyNanos - startNanos} (both from {@link System#nanoTime()}). */
  public void record(long startNanos, long replyNanos) {
    recorder.recordValue(Math.clamp(replyNanos - startNanos, 0, HIGHEST_NANOS));
  }

  /** Adds what was recorded since the previous drain to {@code target}. Reader side only. */
  public void drainInto(Histogram target) {
    final Histogram interval =
        spare == null ? recorder.getIntervalHistogram() : recorder.getIntervalHistogram(spare);
    target.add(interval);
    spare = interval;
  }
}
