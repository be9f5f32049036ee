package org.aquaticjava.loadtest.udp;

import org.aquaticjava.loadtest.PeerEvent;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;

/** Maps the workload's {@link PeerEvent} to the BEP 15 {@code event} field. */
final class UdpEvents {
  private UdpEvents() {}

  static int wireValue(PeerEvent event) {
    return switch (event) {
      case NONE -> UdpAnnounceEvent.NONE.wireValue();
      case COMPLETED -> UdpAnnounceEvent.COMPLETED.wireValue();
      case STARTED -> UdpAnnounceEvent.STARTED.wireValue();
      case STOPPED -> UdpAnnounceEvent.STOPPED.wireValue();
    };
  }
}
