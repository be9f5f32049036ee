package org.aquaticjava.core.metrics;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The log of a worker's own failures, as opposed to bad input: an unexpected exception while
 * answering (its stack trace logged in full the first time, then counted) and socket-level errors
 * such as resets (normal on the internet). Each is logged at most once a minute with its count
 * ({@link DistinctErrorLog}), so a flood cannot fill the log.
 *
 * <p>Single-threaded: one instance per worker, used only from that worker's thread.
 */
public final class IncidentLog {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  /** What went wrong; the names appear in the log. */
  public enum Incident {
    INTERNAL_ERROR,
    SOCKET_ERROR
  }

  private final Logger log;
  private final DistinctErrorLog<Incident> incidents;

  public IncidentLog(Logger log, String workerName) {
    this.log = log;
    this.incidents =
        new DistinctErrorLog<>(Incident.class, log, Level.WARN, workerName, WINDOW, System::nanoTime);
  }

  /** An exception a request or message caused; the worker carries on. */
  public void internalError(RuntimeException e) {
    if (incidents.count(Incident.INTERNAL_ERROR) == 0) {
      log.error("unexpected error while answering a request; the worker carries on", e);
    }
    incidents.record(Incident.INTERNAL_ERROR, null, e);
  }

  /**
   * A reset, broken pipe or the like on one client's socket.
   *
   * @param client the client's address, or null if the socket has none (a UDP listener)
   */
  public void socketError(@Nullable Object client, Throwable cause) {
    incidents.record(Incident.SOCKET_ERROR, client, cause);
  }
}
