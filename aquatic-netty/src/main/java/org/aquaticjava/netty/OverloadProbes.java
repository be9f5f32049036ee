package org.aquaticjava.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;

/**
 * The saturation signal of {@code [overload]}, the same for UDP, HTTP and WebTorrent: one {@link
 * LoadShedding} per socket worker, fed by a probe scheduled on that worker's event loop every
 * {@code probe_interval_ms}, which measures how late it runs. A loop busy with I/O gets to its
 * scheduled tasks only between read batches, so the lag is the length of the loop's longest
 * stretch of work: near zero while it keeps up, growing with the backlog once it does not.
 *
 * <p>The probe is one periodic task per loop (Netty reuses it; nothing is allocated per run), and
 * it runs on the loop whose handlers read the state, so the handlers' counters and the probe never
 * race. The probes end with their event loops.
 */
public final class OverloadProbes {
  private OverloadProbes() {}

  /**
   * Creates the load shedding state of each event loop of {@code group} and, if {@code [overload]}
   * is enabled, starts its probe.
   *
   * @param announceInterval the protocol's normal announce interval, in seconds
   * @param maxPeerAge the peer expiry, in seconds, that the raised interval stays below
   * @param fullReadMessages datagrams a UDP socket read drains at most (see {@link
   *     LoadShedding#readCycle}), or {@link LoadShedding#NO_READS}
   * @return the state of each socket worker, by worker index (the group's iteration order)
   */
  public static LoadShedding[] start(
      OverloadConfig config,
      OverloadMetrics metrics,
      EventLoopGroup group,
      int announceInterval,
      int maxPeerAge,
      int fullReadMessages) {
    int loops = 0;
    for (EventExecutor ignored : group) {
      loops++;
    }
    final LoadShedding[] workers = new LoadShedding[loops];
    int index = 0;
    for (EventExecutor loop : group) {
      final LoadShedding shedding =
          metrics.worker(index, config, announceInterval, maxPeerAge, fullReadMessages);
      workers[index++] = shedding;
      if (config.enabled()) {
        final long interval = TimeUnit.MILLISECONDS.toNanos(config.probeIntervalMs());
        loop.scheduleWithFixedDelay(
            new Probe(shedding, interval), interval, interval, TimeUnit.NANOSECONDS);
      }
    }
    return workers;
  }

  /** Runs every {@code interval} after its previous run ended; reports how late it started. */
  private static final class Probe implements Runnable {
    private final LoadShedding shedding;
    private final long interval;
    private long due;

    Probe(LoadShedding shedding, long interval) {
      this.shedding = shedding;
      this.interval = interval;
      this.due = System.nanoTime() + interval;
    }

    @Override
    public void run() {
      final long now = System.nanoTime();
      shedding.probe(Math.max(0, now - due));
      due = now + interval;
    }
  }
}
