package org.aquaticjava.udp;

import java.time.Duration;
import org.aquaticjava.core.metrics.DistinctErrorLog;
import org.aquaticjava.core.metrics.IncidentLog;
import org.aquaticjava.udp.UdpMetrics.ServerDropReason;
import org.aquaticjava.udp.protocol.UdpDropReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The log side of bad input on one socket: each distinct reason is logged once, then at most once
 * a minute with its count, so a flood of garbage cannot flood the log. Client garbage is logged at
 * debug (it is normal on the internet; the counters show it); failures of our own at error.
 *
 * <p>Single-threaded: owned by one socket handler.
 */
final class DropLog {
  private static final Logger log = LoggerFactory.getLogger(DropLog.class);
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final DistinctErrorLog<UdpDropReason> parserDrops;
  private final DistinctErrorLog<ServerDropReason> serverDrops;
  private final IncidentLog incidents;

  DropLog(String workerName) {
    parserDrops =
        new DistinctErrorLog<>(
            UdpDropReason.class, log, Level.DEBUG, workerName, WINDOW, System::nanoTime);
    serverDrops =
        new DistinctErrorLog<>(
            ServerDropReason.class, log, Level.DEBUG, workerName, WINDOW, System::nanoTime);
    incidents = new IncidentLog(log, workerName);
  }

  void parserDrop(UdpDropReason reason, Object source) {
    parserDrops.record(reason, source);
  }

  void serverDrop(ServerDropReason reason, Object source) {
    serverDrops.record(reason, source);
  }

  void internalError(RuntimeException e) {
    incidents.internalError(e);
  }

  /** A send or receive error of the socket itself, which names no client. */
  void socketError(Throwable cause) {
    incidents.socketError(null, cause);
  }
}
