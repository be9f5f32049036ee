package org.aquaticjava.loadtest.http;

import org.aquaticjava.http.protocol.AnnounceEvent;
import org.aquaticjava.loadtest.PeerEvent;

/** Maps the workload's {@link PeerEvent} to the HTTP {@code event} parameter. */
final class HttpEvents {
  private HttpEvents() {}

  static AnnounceEvent of(PeerEvent event) {
    return switch (event) {
      case NONE -> AnnounceEvent.NONE;
      case COMPLETED -> AnnounceEvent.COMPLETED;
      case STARTED -> AnnounceEvent.STARTED;
      case STOPPED -> AnnounceEvent.STOPPED;
    };
  }
}
