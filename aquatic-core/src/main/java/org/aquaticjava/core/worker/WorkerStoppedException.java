package org.aquaticjava.core.worker;

/** Cause reported when a worker returned normally although nobody asked it to stop. */
public final class WorkerStoppedException extends RuntimeException {
  public WorkerStoppedException(String message) {
    super(message, null, false, false);
  }
}
