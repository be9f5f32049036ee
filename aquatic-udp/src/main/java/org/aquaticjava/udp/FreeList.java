package org.aquaticjava.udp;

import java.util.function.Supplier;

/**
 * A fixed set of reusable objects, created up front: {@link #take} hands one out (or null when all
 * are out), {@link #give} returns it. Bounds how many requests a socket worker has in flight at the
 * swarm workers without allocating per request.
 *
 * <p>Single-threaded: only the owning socket worker's event loop takes and gives.
 */
final class FreeList<T> {
  private final Object[] free;
  private int size;

  FreeList(int capacity, Supplier<T> factory) {
    free = new Object[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = factory.get();
    }
    size = capacity;
  }

  /** A free object, or null if all are in use. */
  @SuppressWarnings("unchecked")
  T take() {
    return size == 0 ? null : (T) free[--size];
  }

  /** Returns an object obtained from {@link #take}. */
  void give(T item) {
    free[size++] = item;
  }
}
