package org.aquaticjava.netty;

import io.netty.util.internal.OutOfDirectMemoryError;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * The process's direct (off-heap) memory, where Netty keeps socket buffers: its cap, its use, and
 * how to tell its exhaustion from a heap {@link OutOfMemoryError}.
 *
 * <p>Direct memory is capped by {@code -XX:MaxDirectMemorySize} (the launcher sets it; see the
 * README). Running out of it is an {@link OutOfMemoryError} thrown by the allocating code, not by
 * the JVM: the heap is intact, so a tracker sheds the connection whose buffer could not be
 * allocated and serves on ({@code -XX:+ExitOnOutOfMemoryError} reacts only to the JVM's own
 * out-of-memory errors, heap or metaspace, which end the process).
 */
public final class DirectMemory {
  private DirectMemory() {}

  /**
   * Whether {@code failure}, or one of its causes, says that direct memory ran out: Netty's {@link
   * OutOfDirectMemoryError}, or the JDK's "Cannot reserve ... bytes of direct buffer memory".
   */
  public static boolean exhausted(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfDirectMemoryError) {
        return true;
      }
      if (t instanceof OutOfMemoryError && t.getMessage() != null
          && t.getMessage().contains("direct buffer memory")) {
        return true;
      }
    }
    return false;
  }

  /** The cap in bytes, as Netty sees it ({@code -XX:MaxDirectMemorySize}, else the heap's max). */
  public static long max() {
    return PlatformDependent.maxDirectMemory();
  }

  /**
   * Bytes of direct memory in use: the JDK's direct buffer pool plus what Netty allocated past it
   * (its cleaner-less buffers, when it may use them).
   */
  public static long used() {
    long used = Math.max(0, PlatformDependent.usedDirectMemory());
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        used += pool.getMemoryUsed();
      }
    }
    return used;
  }
}
