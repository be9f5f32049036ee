package org.aquaticjava.loadtest;

/** The announce event a simulated peer sends. Protocol modules map it to their wire value. */
public enum PeerEvent {
  /** A regular re-announce. */
  NONE,
  /** A seeder announcing that it has finished the download. */
  COMPLETED,
  /** A leecher joining the swarm. */
  STARTED,
  /** A peer leaving the swarm. */
  STOPPED
}
