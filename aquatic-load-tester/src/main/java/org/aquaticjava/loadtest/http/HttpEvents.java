package org.aquaticjava.loadtest.http;

import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.loadtest.PeerEvent;

/** Maps the workload's {@link PeerEvent} to the HTTP {@code event} parameter. */
final class HttpEvents {
  private HttpEvents() {}

  static HttpAnnounceEvent of(PeerEvent event) {
    return switch (event) {
      case NONE -> HttpAnnounceEvent.NONE;
      case COMPLETED -> HttpAnnounceEvent.COMPLETED;
      case STARTED -> HttpAnnounceEvent.STARTED;
      case STOPPED -> HttpAnnounceEvent.STOPPED;
    };
  }
}
