package org.aquaticjava.core.swarm;

/**
 * Reusable result of one scrape lookup: all zeros for an unknown torrent. Not thread-safe; each
 * caller owns its instances.
 */
public final class ScrapeCounts {
  /** Peers that have the whole torrent. */
  public int seeders;

  /** Peers still downloading. */
  public int leechers;

  /** {@code completed} events seen since the torrent was created (BEP 48 "downloaded"). */
  public int completed;
}
