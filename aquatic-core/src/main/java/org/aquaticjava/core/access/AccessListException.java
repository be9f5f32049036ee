package org.aquaticjava.core.access;

/**
 * The access list file could not be read or has a bad line. The message names the file, the line
 * number and the offending content (escaped and truncated), ready for an operator.
 */
public final class AccessListException extends Exception {
  private static final long serialVersionUID = 1L;

  public AccessListException(String message) {
    super(message);
  }

  public AccessListException(String message, Throwable cause) {
    super(message, cause);
  }
}
