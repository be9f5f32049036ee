package org.aquaticjava.loadtest.udp;

/** What {@code aquatic-load-test udp} sends: the {@code mode} key. */
public enum UdpLoadMode {
  /** The simulated peers connect, announce and scrape, and every reply is checked. */
  POPULATION,
  /**
   * Connect requests only, each from a fresh socket bound to the next address of {@code
   * [sources]}, closed right after the send: a spoofed-source connect flood. No
   * reply is read.
   */
  CONNECT_FLOOD
}
