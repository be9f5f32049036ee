package org.aquaticjava.core.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Per-worker log of distinct reasons for bad input (an enum such as {@code UdpDropReason}): the first
 * occurrence of each reason is logged at once, later ones at most once per window with the running
 * count, so a flood of identical garbage cannot fill the log. Counting every occurrence for
 * metrics is the caller's job (a cached counter data point per reason).
 *
 * <p>Single-threaded: one instance per worker, used only from that worker's thread. {@link
 * #record} allocates nothing unless it actually logs.
 *
 * @param <R> the reason enum; its constant names appear in the log
 */
public final class DistinctErrorLog<R extends Enum<R>> {
  private final Logger log;
  private final Level level;
  private final String workerName;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final long[] counts;
  private final long[] lastLoggedNanos;
  private final long[] countAtLastLog;

  /**
   * @param reasons the enum class, to size the tables
   * @param workerName the thread role name shown in each line
   * @param window at most one line per reason per window after the first
   * @param nanoClock monotonic nanoseconds ({@code System::nanoTime})
   */
  public DistinctErrorLog(
      Class<R> reasons,
      Logger log,
      Level level,
      String workerName,
      Duration window,
      LongSupplier nanoClock) {
    this(reasons.getEnumConstants().length, log, level, workerName, window, nanoClock);
  }

  /** For {@link WorkerLog}, which records reasons of several enums, each in a log of its own. */
  DistinctErrorLog(
      int n, Logger log, Level level, String workerName, Duration window, LongSupplier nanoClock) {
    this.log = log;
    this.level = level;
    this.workerName = workerName;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
    this.counts = new long[n];
    this.lastLoggedNanos = new long[n];
    this.countAtLastLog = new long[n];
  }

  /**
   * Counts one occurrence and logs it if it is the first of its reason or the window has passed.
   *
   * @param latestSource where it came from (e.g. the client address), or null; only its {@code
   *     toString} is logged, so pass an existing object rather than building a string
   * @return whether a line was logged
   */
  public boolean record(R reason, @Nullable Object latestSource) {
    return record(reason, latestSource, null);
  }

  /**
   * {@link #record(Enum, Object)} with what went wrong, logged as one line ({@code toString}, no
   * stack trace: a flood of resets must not fill the log with traces).
   *
   * @param latestCause the exception of this occurrence, or null
   * @return whether a line was logged
   */
  public boolean record(R reason, @Nullable Object latestSource, @Nullable Throwable latestCause) {
    return recordAny(reason, latestSource, latestCause);
  }

  /** {@link #record(Enum, Object, Throwable)} for a caller that checked {@code reason}'s enum. */
  boolean recordAny(Enum<?> reason, @Nullable Object latestSource, @Nullable Throwable latestCause) {
    final int i = reason.ordinal();
    final long n = ++counts[i];
    if (!log.isEnabledForLevel(level)) {
      return false;
    }
    final long now = nanoClock.getAsLong();
    if (n != 1 && now - lastLoggedNanos[i] < windowNanos) {
      return false;
    }
    // Rendered here, never handed to slf4j as is: it takes a trailing Throwable argument for the
    // stack trace even when a placeholder waits for it, which left "latest from {}" in the line.
    log.atLevel(level)
        .log(
            "{}: {} so far on {} ({} since the last report), {}",
            reason,
            n,
            workerName,
            n - countAtLastLog[i],
            describe(latestSource, latestCause));
    lastLoggedNanos[i] = now;
    countAtLastLog[i] = n;
    return true;
  }

  private static String describe(@Nullable Object source, @Nullable Throwable cause) {
    if (cause == null) {
      return "latest from " + source;
    }
    return source == null ? "latest: " + oneLine(cause) : "latest from " + source + ": " + oneLine(cause);
  }

  /** The exception's class and message on one line (log lines are one per event). */
  private static String oneLine(Throwable cause) {
    return cause.toString().replace('\n', ' ').replace('\r', ' ');
  }

  /** Occurrences of {@code reason} recorded so far. */
  public long count(R reason) {
    return counts[reason.ordinal()];
  }
}
