package org.aquaticjava.udp;

import java.util.concurrent.ThreadLocalRandom;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmShard;
import org.aquaticjava.core.worker.Supervisor;
import org.aquaticjava.netty.TrackerRuntime;

/**
 * The queue design: {@code swarmWorkers} {@link SwarmWorker} threads, each owning the shard of the
 * info hashes routed to it, fed by every socket worker's {@link QueuedSwarmGateway}.
 *
 * <p>Limits: each socket worker has at most {@value #IN_FLIGHT_PER_SOCKET_WORKER} jobs out; each
 * swarm worker's queue holds that many per socket worker, so it only fills when the pools do.
 */
record SwarmWorkerDesign(int swarmWorkers) implements SwarmDesign {
  static final int IN_FLIGHT_PER_SOCKET_WORKER = 1024;

  SwarmWorkerDesign {
    if (swarmWorkers < 1) {
      throw new IllegalArgumentException("swarm workers must be >= 1: " + swarmWorkers);
    }
  }

  @Override
  public Gateways start(UdpConfig config, TrackerRuntime runtime, int socketWorkers) {
    final UdpConfig.Cleaning cleaning = config.cleaning();
    final SwarmSettings settings =
        new SwarmSettings(1, cleaning.maxPeerAge(), cleaning.torrentCleaningInterval());
    final long seed = ThreadLocalRandom.current().nextLong();
    final SwarmWorker[] workers = new SwarmWorker[swarmWorkers];
    for (int i = 0; i < swarmWorkers; i++) {
      final String name = Supervisor.workerName("swarm", i);
      workers[i] =
          new SwarmWorker(
              socketWorkers * IN_FLIGHT_PER_SOCKET_WORKER,
              new SwarmShard(settings, seed, i),
              runtime.clock(),
              runtime.accessList(),
              settings.cleaningIntervalSeconds(),
              socketWorkers,
              name);
      runtime.supervisor().start(name, workers[i]);
    }
    final UdpConfig.Protocol protocol = config.protocol();
    return loop ->
        new QueuedSwarmGateway(
            workers,
            loop,
            IN_FLIGHT_PER_SOCKET_WORKER,
            protocol.maxResponsePeers(),
            protocol.maxScrapeTorrents());
  }

  @Override
  public String toString() {
    return swarmWorkers + " swarm workers behind MPSC queues";
  }
}
