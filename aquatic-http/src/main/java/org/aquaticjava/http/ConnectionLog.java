package org.aquaticjava.http;

import java.time.Duration;
import org.aquaticjava.core.metrics.DistinctErrorLog;
import org.aquaticjava.core.metrics.IncidentLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The log side of limits hit and failures on one socket worker: each distinct reason is logged
 * once, then at most once a minute with its count. Client misbehaviour is logged at debug (the
 * counters show it); failures of our own at warn/error.
 *
 * <p>Single-threaded: owned by one socket worker's event loop.
 */
final class ConnectionLog {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLog.class);
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final DistinctErrorLog<LimitReason> limits;
  private final DistinctErrorLog<ServerFailure> failures;
  private final IncidentLog incidents;

  ConnectionLog(String workerName) {
    limits =
        new DistinctErrorLog<>(
            LimitReason.class, log, Level.DEBUG, workerName, WINDOW, System::nanoTime);
    failures =
        new DistinctErrorLog<>(
            ServerFailure.class, log, Level.DEBUG, workerName, WINDOW, System::nanoTime);
    incidents = new IncidentLog(log, workerName);
  }

  void limit(LimitReason reason, Object source) {
    limits.record(reason, source);
  }

  void failure(ServerFailure reason, Object source) {
    failures.record(reason, source);
  }

  void internalError(RuntimeException e) {
    incidents.internalError(e);
  }

  /** Connection resets and the like: normal on the internet, logged rarely. */
  void socketError(Object client, Throwable cause) {
    incidents.socketError(client, cause);
  }
}
