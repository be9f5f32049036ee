/**
 * Benchmarks of the swarm store: memory per peer ({@link
 * org.aquaticjava.benchmarks.swarm.MemoryPerPeer}), announce and scrape cost ({@link
 * org.aquaticjava.benchmarks.swarm.SwarmStoreBenchmark}) and per-shard locks against a queue
 * hand-off to a swarm worker ({@link org.aquaticjava.benchmarks.swarm.SwarmConcurrencyBenchmark}).
 * All use the seeded Zipf population of {@link org.aquaticjava.benchmarks.swarm.ZipfPopulation}.
 */
@NullMarked
package org.aquaticjava.benchmarks.swarm;

import org.jspecify.annotations.NullMarked;
