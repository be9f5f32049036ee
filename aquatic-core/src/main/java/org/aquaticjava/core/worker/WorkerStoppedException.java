package org.aquaticjava.core.worker;

/** Cause reported when a worker returned normally although nobody asked it to stop. */
public final class WorkerStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WorkerStoppedException(String message) {
    super(message, null, false, false);
  }
}
