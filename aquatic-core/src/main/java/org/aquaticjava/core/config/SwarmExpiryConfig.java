package org.aquaticjava.core.config;

/**
 * Expiry of the (IP, port) swarm store: how often it is cleaned and how long a peer lives without
 * announcing. The top-level {@code [cleaning]} of {@code aquatic all}, where UDP and HTTP announce
 * into one store that has these keys once.
 */
@Doc("Expiry of the swarms UDP and HTTP announce into (one store).")
public record SwarmExpiryConfig(
    @Doc("Seconds between sweeps that remove expired peers and empty torrents.")
        @Range(min = 1, max = 3600)
        int torrentCleaningInterval,
    @Doc(
            "Seconds after its last announce that a peer is removed, whichever protocol it"
                + " announced over.")
        @Range(min = 1, max = 86_400)
        int maxPeerAge) {

  /** aquatic_http's expiry, the longer of the UDP and HTTP defaults. */
  public static final SwarmExpiryConfig DEFAULTS = new SwarmExpiryConfig(120, 1800);
}
