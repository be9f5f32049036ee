package org.aquaticjava.core.swarm;

/**
 * Decides whether a torrent may stay in the store; cleaning drops the torrents it rejects. The
 * access list implements it. Called from the cleaning thread with the shard lock held, so it must
 * be fast and must not call back into the store.
 */
@FunctionalInterface
public interface InfoHashFilter {
  /** A filter that keeps every torrent. */
  InfoHashFilter ALLOW_ALL = (a, b, c) -> true;

  /** Whether the info hash with parts {@code a}, {@code b}, {@code c} (see {@link InfoHash}) is allowed. */
  boolean allows(long a, long b, int c);
}
