package org.aquaticjava.loadtest;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts error replies by message text. A message seen before is matched byte for byte against a
 * small table without allocating; only the first occurrence of a new message copies its bytes. At
 * most {@value #MAX_DISTINCT} distinct messages of at most {@value #MAX_MESSAGE_BYTES} bytes are
 * kept apart; the rest are counted under {@value #OTHER}, so a tracker sending random text cannot
 * grow the table.
 *
 * <p>Not thread-safe: owned by one worker; read after the worker has stopped.
 */
public final class ErrorMessageCounter {
  static final int MAX_DISTINCT = 16;
  static final int MAX_MESSAGE_BYTES = 128;
  static final String OTHER = "(other messages)";

  private final byte[][] messages = new byte[MAX_DISTINCT][];
  private final long[] counts = new long[MAX_DISTINCT];
  private int distinct;
  private long other;

  /** Counts the message of {@code length} bytes at {@code index} in {@code buffer}. */
  public void count(ByteBuf buffer, int index, int length) {
    final int kept = Math.min(length, MAX_MESSAGE_BYTES);
    for (int i = 0; i < distinct; i++) {
      if (matches(messages[i], buffer, index, kept)) {
        counts[i]++;
        return;
      }
    }
    if (distinct == MAX_DISTINCT) {
      other++;
      return;
    }
    final byte[] copy = new byte[kept];
    buffer.getBytes(index, copy);
    messages[distinct] = copy;
    counts[distinct++] = 1;
  }

  private static boolean matches(byte[] known, ByteBuf buffer, int index, int length) {
    if (known.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (known[i] != buffer.getByte(index + i)) {
        return false;
      }
    }
    return true;
  }

  /** Adds the counts to {@code totals}, keyed by message text (bytes shown as ISO-8859-1). */
  public void addTo(Map<String, Long> totals) {
    for (int i = 0; i < distinct; i++) {
      totals.merge(new String(messages[i], StandardCharsets.ISO_8859_1), counts[i], Long::sum);
    }
    if (other > 0) {
      totals.merge(OTHER, other, Long::sum);
    }
  }

  /** The counts by message, for tests and reports. */
  public Map<String, Long> snapshot() {
    final Map<String, Long> result = new LinkedHashMap<>();
    addTo(result);
    return result;
  }
}
