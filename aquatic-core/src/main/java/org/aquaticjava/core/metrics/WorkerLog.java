package org.aquaticjava.core.metrics;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The log of one socket worker: requests dropped, refused or answered with a failure for a reason
 * (a constant of one of the reason enums the worker was made with), and the worker's own incidents
 * ({@link IncidentLog}). Each distinct reason is logged at debug once, then at most once a minute
 * with its count ({@link DistinctErrorLog}), so a flood of garbage cannot flood the log: client
 * garbage is normal on the internet and the counters show every occurrence. Internal errors and
 * socket errors are logged at warn/error.
 *
 * <p>Single-threaded: one instance per worker, used only from that worker's thread. {@link
 * #record} allocates nothing unless it actually logs.
 */
public final class WorkerLog {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final Class<?>[] reasonEnums;
  private final DistinctErrorLog<?>[] reasons;
  private final IncidentLog incidents;

  /**
   * @param log where the lines go (the owning class's logger)
   * @param workerName the thread role name shown in each line
   * @param reasonEnums the enum classes whose constants {@link #record} takes
   * @throws IllegalArgumentException if one of {@code reasonEnums} is not an enum
   */
  public WorkerLog(Logger log, String workerName, Class<?>... reasonEnums) {
    this.reasonEnums = reasonEnums.clone();
    this.reasons = new DistinctErrorLog<?>[reasonEnums.length];
    for (int i = 0; i < reasonEnums.length; i++) {
      final Object[] constants = reasonEnums[i].getEnumConstants();
      if (constants == null) {
        throw new IllegalArgumentException("not an enum: " + reasonEnums[i].getName());
      }
      reasons[i] =
          new DistinctErrorLog<>(
              constants.length, log, Level.DEBUG, workerName, WINDOW, System::nanoTime);
    }
    this.incidents = new IncidentLog(log, workerName);
  }

  /**
   * Counts one request dropped or refused for {@code reason} and logs it if it is the first of its
   * reason or the window has passed.
   *
   * @param source where it came from (the client address), or null; only its {@code toString} is
   *     logged, so pass an existing object rather than building a string
   * @throws IllegalArgumentException if {@code reason}'s enum is not one this log was made with
   */
  public void record(Enum<?> reason, @Nullable Object source) {
    final Class<?> kind = reason.getDeclaringClass();
    for (int i = 0; i < reasonEnums.length; i++) {
      if (reasonEnums[i] == kind) {
        reasons[i].recordAny(reason, source, null);
        return;
      }
    }
    throw new IllegalArgumentException("not a reason of this log: " + kind.getName());
  }

  /** An exception a request caused; the worker carries on. */
  public void internalError(RuntimeException e) {
    incidents.internalError(e);
  }

  /**
   * A reset, broken pipe or the like on a socket.
   *
   * @param client the client's address, or null if the socket has none (a UDP listener)
   */
  public void socketError(@Nullable Object client, Throwable cause) {
    incidents.socketError(client, cause);
  }
}
