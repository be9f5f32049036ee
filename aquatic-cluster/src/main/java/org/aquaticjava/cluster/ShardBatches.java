package org.aquaticjava.cluster;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.SwarmChanges;
import org.aquaticjava.core.swarm.SwarmStore;
import org.jspecify.annotations.Nullable;

/**
 * Collects a store's changes for the other nodes without making an announce wait: each shard
 * fills its own {@link ChangeBatch} under the shard lock it already holds; a full one goes to a
 * bounded queue of ready batches and the shard takes an empty one from a pool. When the pool or
 * the queue is exhausted (the sender or the network cannot keep up), the changes are dropped and
 * counted instead. Batches are allocated only until the pool reaches {@code queueSize} plus one
 * per shard; after that none is allocated.
 *
 * <p>Thread-safe: {@link #record} runs under shard locks, {@link #flush} and {@link #nextReady}
 * on the sending thread.
 */
final class ShardBatches implements SwarmChanges {
  private final SwarmStore store;
  private final @Nullable ChangeBatch[] filling;
  private final ArrayBlockingQueue<ChangeBatch> ready;
  private final ArrayBlockingQueue<ChangeBatch> empty;
  private final int batchSize;
  private final int maxBatches;
  private final AtomicInteger allocated = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();

  ShardBatches(SwarmStore store, int batchSize, int queueSize) {
    this.store = store;
    this.batchSize = batchSize;
    this.filling = new ChangeBatch[store.shardCount()];
    this.ready = new ArrayBlockingQueue<>(queueSize);
    this.maxBatches = queueSize + store.shardCount();
    this.empty = new ArrayBlockingQueue<>(maxBatches);
  }

  @Override
  public void record(int shard, AnnounceSlot req, int nowSeconds) {
    ChangeBatch batch = filling[shard];
    if (batch == null) {
      batch = takeEmpty();
      if (batch == null) {
        dropped.increment();
        return;
      }
      filling[shard] = batch;
    }
    if (batch.add(req, nowSeconds)) {
      handOn(shard, batch);
    }
  }

  private @Nullable ChangeBatch takeEmpty() {
    final ChangeBatch batch = empty.poll();
    if (batch != null) {
      return batch;
    }
    if (allocated.getAndIncrement() < maxBatches) {
      return new ChangeBatch(batchSize);
    }
    allocated.decrementAndGet();
    return null;
  }

  /** Under the shard's lock: the batch leaves the shard, ready to send, or is dropped if the queue is full. */
  private void handOn(int shard, ChangeBatch batch) {
    filling[shard] = null;
    if (!ready.offer(batch)) {
      dropped.add(batch.count());
      batch.clear();
      empty.offer(batch);
    }
  }

  /** Hands on every shard's part-filled batch (sending thread, once per batch interval). */
  void flush() {
    for (int shard = 0; shard < filling.length; shard++) {
      if (filling[shard] != null) { // racy peek; the locked check below decides
        final int s = shard;
        store.withShardLocked(
            s,
            () -> {
              final ChangeBatch batch = filling[s];
              if (batch != null && batch.count() > 0) {
                handOn(s, batch);
              }
            });
      }
    }
  }

  /** The next batch to send, waiting at most {@code millis}; null if none. */
  @Nullable ChangeBatch nextReady(long millis) throws InterruptedException {
    return ready.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** A sent batch goes back to the pool. */
  void recycle(ChangeBatch batch) {
    batch.clear();
    empty.offer(batch);
  }

  /** Changes dropped because the queue was full, since start. */
  long dropped() {
    return dropped.sum();
  }

  /** Batches waiting to be sent. */
  int queued() {
    return ready.size();
  }
}
