package org.aquaticjava.core.persist;

import java.io.IOException;

/** A snapshot that cannot be used, and why; the loader moves such a file aside. */
public final class SnapshotFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the snapshot. */
  public enum Reason {
    /** Ends before its END section. */
    TRUNCATED,
    /** A checksum, length or count does not match. */
    CORRUPT,
    /** Not a snapshot of this tracker (wrong magic). */
    FOREIGN,
    /** Written by a newer version of the format. */
    NEWER_VERSION
  }

  private final Reason reason;

  public SnapshotFormatException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
