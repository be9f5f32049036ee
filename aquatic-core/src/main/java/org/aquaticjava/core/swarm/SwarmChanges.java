package org.aquaticjava.core.swarm;

/**
 * Receives every announce a {@link SwarmStore} applies on behalf of a client, for replication to
 * other nodes ({@code aquatic-cluster}). {@link #record} runs on the announcing thread while it
 * holds the lock of the torrent's shard, so an implementation may keep one unsynchronised buffer
 * per shard; it must not block and must not allocate per call.
 */
public interface SwarmChanges {
  /** Records nothing: a store on its own. */
  SwarmChanges NONE = (shard, req, nowSeconds) -> { };

  /**
   * Called after {@code req} was applied to shard {@code shard} at {@code nowSeconds} of the
   * store's clock, under that shard's lock. {@code req}'s result fields are filled.
   */
  void record(int shard, AnnounceSlot req, int nowSeconds);
}
