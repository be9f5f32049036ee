package org.aquaticjava.core.config;

/**
 * The {@code [overload]} section, shared by every protocol: when a socket worker is saturated, it
 * sheds load in the cheapest way its protocol has instead of falling behind on everything (see
 * {@code org.aquaticjava.core.overload.LoadShedding} for the state machine).
 *
 * <h2>The signal</h2>
 *
 * Each socket worker's event loop runs a probe every {@code probe_interval_ms}; a probe window is
 * <em>saturated</em> when the probe ran {@code lag_threshold_ms} or more late (the loop was busy
 * that long without getting to its tasks), or, for UDP, when at least {@code full_reads_percent}
 * of the window's socket reads drained a full batch (the socket still had datagrams queued when
 * the read stopped: its receive queue is backing up). A window is <em>calm</em> when both figures
 * are below half their thresholds. Shedding starts after {@code saturated_windows} saturated
 * windows in a row and ends after {@code calm_windows} calm windows in a row: the gap between the
 * thresholds and the two counts are the hysteresis that keeps it from flapping.
 *
 * <p>The defaults ask for a loop that is late by 50 ms three windows running, or UDP sockets whose
 * reads come back full half of the time: far from what an unsaturated worker shows (a few
 * milliseconds of lag at most, reads that drain what arrived), and what a worker past its
 * capacity shows at once. A single garbage-collection pause makes one late window, not three.
 */
@Doc(
    "Overload shedding: when a socket worker is saturated (its event loop falls behind, or, for"
        + " UDP, its socket reads keep coming back full), it hands out a longer announce interval,"
        + " drops UDP scrapes and answers HTTP scrapes with a BEP 31 retry in, until the load falls."
        + " See the README (\"Running a public tracker\"). Counted in aquatic_overload_shed_total;"
        + " aquatic_overload_shedding is 1 while a worker sheds.")
public record OverloadConfig(
    @Doc("Shed load when a socket worker is saturated.") boolean enabled,
    @Doc("Milliseconds between two probes of each socket worker's event loop (one probe window).")
        @Range(min = 1, max = 10_000)
        int probeIntervalMs,
    @Doc(
            "A probe that runs this many milliseconds or more late makes its window saturated;"
                + " below half of it, the lag counts as calm.")
        @Range(min = 1, max = 60_000)
        int lagThresholdMs,
    @Doc(
            "UDP: a window in which at least this percentage of the socket reads drained a full"
                + " batch (the socket had more queued) is saturated; below half of it, calm.")
        @Range(min = 1, max = 100)
        int fullReadsPercent,
    @Doc("Saturated windows in a row that start shedding.") @Range(min = 1, max = 10_000)
        int saturatedWindows,
    @Doc("Calm windows in a row that end shedding.") @Range(min = 1, max = 1_000_000)
        int calmWindows,
    @Doc(
            "While shedding, the announce interval handed out is multiplied by this, but kept"
                + " below the peer expiry (cleaning.max_peer_age) so that no peer expires between"
                + " its announces; 1 leaves it as it is.")
        @Range(min = 1, max = 100)
        int announceIntervalFactor,
    @Doc(
            "HTTP: seconds a client is asked to wait, as the BEP 31 retry in (rounded up to"
                + " minutes) of the failure that answers a scrape while shedding.")
        @Range(min = 1, max = 86_400)
        int retryIn) {

  public static final OverloadConfig DEFAULTS =
      new OverloadConfig(true, 100, 50, 50, 3, 50, 2, 300);

  /** The BEP 31 {@code retry in} minutes: {@code retry_in} rounded up. */
  public int retryInMinutes() {
    return (retryIn + 59) / 60;
  }

  /**
   * The announce interval to hand out while shedding: {@code interval} times {@code
   * announce_interval_factor}, at most nine tenths of {@code maxPeerAge} (a peer announcing a
   * little late must not have expired), and never less than {@code interval}.
   */
  public int raisedInterval(int interval, int maxPeerAge) {
    final long raised = Math.min((long) interval * announceIntervalFactor, maxPeerAge * 9L / 10);
    return (int) Math.max(interval, raised);
  }
}
