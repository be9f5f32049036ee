package org.aquaticjava.core.overload;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import org.aquaticjava.core.config.OverloadConfig;

/**
 * Whether one socket worker is saturated, and what it hands out meanwhile ({@code [overload]}).
 *
 * <p>Fed from the worker's own event loop: {@link #probe} once per probe window with how late the
 * probe ran, and, for UDP, {@link #readCycle} once per socket read with the datagrams it drained.
 * A window is saturated when the lag reached {@code lag_threshold_ms} or at least {@code
 * full_reads_percent} of its reads (of at least {@value #MIN_READS}) were full; calm when both are
 * below half of that. {@code saturated_windows} saturated windows in a row start shedding, {@code
 * calm_windows} calm ones in a row end it; anything in between keeps the state (hysteresis).
 *
 * <p>The request path asks {@link #shedding} (a volatile read: a plain load on x86) and {@link
 * #announceInterval}, and counts what it shed with {@link #shed}. Single writer (the worker's
 * loop); the state and the last window's figures may be read from any thread (metrics, stats).
 * Allocates nothing.
 */
public final class LoadShedding {
  /** {@code fullReadMessages} of a worker that reports no reads (TCP), or whose reads tell nothing. */
  public static final int NO_READS = Integer.MAX_VALUE;

  /** Fewer reads than this in a window say nothing about the socket's queue. */
  static final int MIN_READS = 16;

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final boolean enabled;
  private final long lagThresholdNanos;
  private final int fullReadsPercent;
  private final int saturatedWindows;
  private final int calmWindows;
  private final int fullReadMessages;
  private final int announceInterval;
  private final int raisedInterval;
  private final int retryInMinutes;
  private final CounterDataPoint[] shed;

  private long reads;
  private long fullReads;
  /** Saturated windows in a row while normal, calm ones in a row while shedding. */
  private int run;
  private volatile boolean shedding;
  private volatile long lastLagNanos;
  private volatile int lastFullReadsPercent;

  /**
   * @param announceInterval the interval handed out normally, in seconds
   * @param maxPeerAge the peer expiry the raised interval stays below, in seconds
   * @param fullReadMessages the datagrams a read drains at most (the channel's messages per read):
   *     a read that drained as many stopped with more queued
   * @param shed this worker's {@code aquatic_overload_shed_total} data points, by {@link
   *     ShedAction} ordinal
   */
  LoadShedding(
      OverloadConfig config,
      int announceInterval,
      int maxPeerAge,
      int fullReadMessages,
      CounterDataPoint[] shed) {
    this.enabled = config.enabled();
    this.lagThresholdNanos = config.lagThresholdMs() * NANOS_PER_MILLI;
    this.fullReadsPercent = config.fullReadsPercent();
    this.saturatedWindows = config.saturatedWindows();
    this.calmWindows = config.calmWindows();
    this.fullReadMessages = Math.max(1, fullReadMessages);
    this.announceInterval = announceInterval;
    this.raisedInterval = config.raisedInterval(announceInterval, maxPeerAge);
    this.retryInMinutes = config.retryInMinutes();
    this.shed = shed;
  }

  /** Whether this worker sheds load now. */
  public boolean shedding() {
    return shedding;
  }

  /**
   * The announce interval to hand out now: the raised one while shedding (counted as {@link
   * ShedAction#INTERVAL_RAISED}), else the normal one.
   */
  public int announceInterval() {
    if (!shedding) {
      return announceInterval;
    }
    shed(ShedAction.INTERVAL_RAISED);
    return raisedInterval;
  }

  /** The BEP 31 {@code retry in} minutes for a request refused while shedding. */
  public int retryInMinutes() {
    return retryInMinutes;
  }

  /** Counts one request shed. */
  public void shed(ShedAction action) {
    shed[action.ordinal()].inc();
  }

  /** One socket read drained {@code messages} datagrams (UDP); on the worker's loop. */
  public void readCycle(int messages) {
    reads++;
    if (messages >= fullReadMessages) {
      fullReads++;
    }
  }

  /**
   * Ends one probe window: the probe ran {@code lagNanos} late. Updates the state; on the
   * worker's loop.
   */
  public void probe(long lagNanos) {
    final int full = reads >= MIN_READS ? (int) (fullReads * 100 / reads) : 0;
    reads = 0;
    fullReads = 0;
    lastLagNanos = lagNanos;
    lastFullReadsPercent = full;
    if (!enabled) {
      return;
    }
    if (!shedding) {
      final boolean saturated = lagNanos >= lagThresholdNanos || full >= fullReadsPercent;
      run = saturated ? run + 1 : 0;
      if (run >= saturatedWindows) {
        run = 0;
        shedding = true;
      }
    } else {
      final boolean calm = lagNanos < lagThresholdNanos / 2 && full * 2 < fullReadsPercent;
      run = calm ? run + 1 : 0;
      if (run >= calmWindows) {
        run = 0;
        shedding = false;
      }
    }
  }

  /** How late the latest probe ran, in nanoseconds. Any thread. */
  public long lastLagNanos() {
    return lastLagNanos;
  }

  /** Whether this worker's reads tell whether its socket backs up (UDP on epoll or io_uring). */
  public boolean countsReads() {
    return fullReadMessages != NO_READS;
  }

  /** The percentage of full reads in the latest window (0 with too few reads). Any thread. */
  public int lastFullReadsPercent() {
    return lastFullReadsPercent;
  }
}
