package org.aquaticjava.udp;

import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.worker.FatalExit;

/**
 * Starts a {@link UdpTracker} in the queue design of aquatic before 0.9: socket workers parse and
 * validate on their event loops and hand announces and scrapes to dedicated swarm workers, each
 * owning the torrents of its share of info hashes without locks, through bounded JCTools MPSC
 * queues; answers come back on one MPSC queue per socket worker, drained in batches on its event
 * loop. Kept to measure against the default sharded-lock design (docs/architecture.md).
 *
 * <p>Differences from the default: the swarm gauges ({@code aquatic_torrents}, {@code
 * aquatic_peers}) stay at zero, as the shared cleaning worker sees an empty store; each swarm
 * worker cleans its own shard. Thread-safe.
 */
public final class SwarmWorkerUdpTracker {
  private SwarmWorkerUdpTracker() {}

  /**
   * Starts the tracker with {@code swarmWorkers} swarm workers; worker failures terminate the
   * process.
   *
   * @throws Exception as {@link UdpTracker#start(UdpConfig, FatalExit)}
   */
  public static UdpTracker start(UdpConfig config, int swarmWorkers) throws Exception {
    return start(config, swarmWorkers, FatalExit.EXIT_PROCESS);
  }

  /**
   * Starts the tracker with {@code swarmWorkers} swarm workers.
   *
   * @param fatalExit what to do when a worker dies (tests observe instead of exiting)
   * @throws IllegalArgumentException if {@code swarmWorkers < 1} or no address family is enabled
   * @throws Exception if the access list ({@link AccessListConfig}) cannot be loaded or a socket
   *     cannot be bound
   */
  public static UdpTracker start(UdpConfig config, int swarmWorkers, FatalExit fatalExit)
      throws Exception {
    return UdpTracker.start(config, fatalExit, new SwarmWorkerDesign(swarmWorkers));
  }
}
