/**
 * Protocol-independent parts of the {@code aquatic-load-test} command: the run and workload config
 * sections, the seeded workload model (info-hash pool with Zipf popularity, simulated peers,
 * weighted request mix, announce events), the loopback-only target check, per-worker outcome
 * counters, latency recording with HdrHistogram, progress lines and the final report.
 *
 * <p>The protocol load testers ({@code udp}, later {@code http} and {@code ws}) live in sub-packages
 * and only add sockets and wire formats. Everything here is deterministic for a given seed, so two
 * runs with the same config send the same request sequence per worker.
 */
@NullMarked
package org.aquaticjava.loadtest;

import org.jspecify.annotations.NullMarked;
