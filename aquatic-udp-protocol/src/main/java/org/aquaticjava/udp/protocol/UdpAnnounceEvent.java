package org.aquaticjava.udp.protocol;

/** The announce {@code event} field of BEP 15, with its wire values. */
public enum UdpAnnounceEvent {
  NONE(0),
  COMPLETED(1),
  STARTED(2),
  STOPPED(3);

  private static final UdpAnnounceEvent[] BY_WIRE_VALUE = {NONE, COMPLETED, STARTED, STOPPED};

  private final int wireValue;

  UdpAnnounceEvent(int wireValue) {
    this.wireValue = wireValue;
  }

  public int wireValue() {
    return wireValue;
  }

  /**
   * Decodes a wire value leniently: anything outside 0..3 is {@link #NONE}. libtorrent sends 4
   * ("paused") from partial seeds; aquatic drops such announces and the client times out.
   */
  public static UdpAnnounceEvent fromWireValue(int value) {
    return value >= 0 && value < BY_WIRE_VALUE.length ? BY_WIRE_VALUE[value] : NONE;
  }
}
