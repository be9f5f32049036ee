package org.aquaticjava.loadtest.udp;

import org.aquaticjava.loadtest.PeerEvent;
import org.aquaticjava.udp.protocol.AnnounceEvent;

/** Maps the workload's {@link PeerEvent} to the BEP 15 {@code event} field. */
final class UdpEvents {
  private UdpEvents() {}

  static int wireValue(PeerEvent event) {
    return switch (event) {
      case NONE -> AnnounceEvent.NONE.wireValue();
      case COMPLETED -> AnnounceEvent.COMPLETED.wireValue();
      case STARTED -> AnnounceEvent.STARTED.wireValue();
      case STOPPED -> AnnounceEvent.STOPPED.wireValue();
    };
  }
}
