package org.aquaticjava.testkit;

/** The tracker answered a request with a BEP 15 action-3 error; the message is its text. */
public final class UdpTrackerErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UdpTrackerErrorException(String trackerMessage) {
    super(trackerMessage);
  }
}
