package org.aquaticjava.udp;

import io.netty.channel.EventLoop;
import org.aquaticjava.netty.TrackerRuntime;

/**
 * How a tracker's socket workers share the swarm state, chosen at start-up: {@link #LOCKED} (the
 * default, aquatic 0.9) or {@link SwarmWorkerDesign} (dedicated swarm workers behind queues).
 */
interface SwarmDesign {
  /** Socket workers update the runtime's lock-per-shard store themselves. */
  SwarmDesign LOCKED =
      new SwarmDesign() {
        @Override
        public Gateways start(UdpConfig config, TrackerRuntime runtime, int socketWorkers) {
          return loop -> new LockedSwarmGateway(runtime.store());
        }

        @Override
        public String toString() {
          return "sharded-lock swarm store";
        }
      };

  /**
   * Prepares the design once the runtime runs, starting any threads it needs through the
   * runtime's supervisor (which stops them on close).
   */
  Gateways start(UdpConfig config, TrackerRuntime runtime, int socketWorkers);

  /** Creates the gateway of each socket worker. */
  @FunctionalInterface
  interface Gateways {
    /** The gateway of the socket worker running on {@code loop}; called once per socket worker. */
    SwarmGateway forSocketWorker(EventLoop loop);
  }
}
