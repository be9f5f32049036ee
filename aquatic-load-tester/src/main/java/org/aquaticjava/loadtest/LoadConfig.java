package org.aquaticjava.loadtest;

import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.Range;

/** The {@code [load]} section shared by all load testers: how long, how fast, how measured. */
@Doc("How long and how fast to send, and how replies are timed.")
public record LoadConfig(
    @Doc("Length of the run in seconds; the load tester stops by itself afterwards.")
        @Range(min = 1, max = 3600)
        int duration,
    @Doc(
            "Requests per second over all workers (open loop: sent on a fixed schedule whether or"
                + " not replies come, latency measured from the scheduled send time, which corrects"
                + " for coordinated omission). 0 = closed loop: send as fast as replies come, bounded"
                + " by the in-flight limit, latency measured from the actual send time.")
        @Range(min = 0, max = 10_000_000)
        int rate,
    @Doc(
            "Milliseconds without a reply after which a request counts as lost and its in-flight"
                + " slot is reused. A reply arriving later is counted as late, not as a response.")
        @Range(min = 10, max = 60_000)
        int requestTimeoutMs,
    @Doc("Seconds between progress lines.") @Range(min = 1, max = 3600) int progressInterval) {

  public static final LoadConfig DEFAULTS = new LoadConfig(10, 0, 1000, 2);
}
