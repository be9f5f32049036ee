package org.aquaticjava.ws.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Checks that a byte stream is well-formed UTF-8 (RFC 3629; Unicode Table 3-7): no overlong forms,
 * no surrogates (U+D800–U+DFFF), nothing above U+10FFFF, no stray or missing continuation bytes.
 * RFC 6455 §8.1 requires a WebSocket endpoint to fail a connection whose text message is not.
 *
 * <p>Streaming: a message may arrive in several pieces (WebSocket fragments) split anywhere, even
 * inside a character; {@link #update} carries the state of a partly read character over to the
 * next piece, and {@link #isComplete} tells whether the bytes so far end on a character boundary
 * (a message must). Once invalid, it stays invalid until {@link #reset}.
 *
 * <p>Speed: bytes are read eight at a time (one {@code long} read). A word of ASCII between
 * characters, which is most of WebTorrent's JSON and SDP, takes one mask test; any other word goes
 * through the automaton byte by byte, from the register.
 *
 * <p>Not thread-safe: one instance per connection, reused for every message.
 */
public final class Utf8Validator {
  // The automaton's states: expecting a first byte, failed, or how many continuation bytes are
  // still due, some of them with a narrowed range for the next byte.
  private static final int START = 0;
  private static final int INVALID = 1;
  /** One more byte 80..BF. */
  private static final int NEED_1 = 2;
  /** Two more bytes 80..BF. */
  private static final int NEED_2 = 3;
  /** Three more bytes 80..BF. */
  private static final int NEED_3 = 4;
  /** After E0: A0..BF (no overlong three-byte forms), then one more. */
  private static final int AFTER_E0 = 5;
  /** After ED: 80..9F (no surrogates), then one more. */
  private static final int AFTER_ED = 6;
  /** After F0: 90..BF (no overlong four-byte forms), then two more. */
  private static final int AFTER_F0 = 7;
  /** After F4: 80..8F (nothing above U+10FFFF), then two more. */
  private static final int AFTER_F4 = 8;
  private static final int STATES = 9;

  /** Next state, at {@code state << 8 | byte}. */
  private static final byte[] NEXT = transitions();

  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  private int state = START;

  /**
   * Checks the readable bytes of {@code bytes} (indexes untouched) as the continuation of what was
   * checked since the last {@link #reset}.
   *
   * @return false if the bytes so far are not UTF-8, whatever follows
   */
  public boolean update(ByteBuf bytes) {
    return update(bytes, bytes.readerIndex(), bytes.readableBytes());
  }

  /**
   * Checks {@code length} bytes of {@code bytes} from {@code index} as the continuation of what
   * was checked since the last {@link #reset}.
   *
   * @return false if the bytes so far are not UTF-8, whatever follows
   */
  public boolean update(ByteBuf bytes, int index, int length) {
    int s = state;
    int i = index;
    final int end = index + length;
    // A word at a time: one read and one mask test for ASCII between characters; otherwise its
    // eight bytes go through the automaton from the register, not with eight reads.
    for (final int wordsEnd = end - Long.BYTES; i <= wordsEnd && s != INVALID; i += Long.BYTES) {
      final long word = bytes.getLongLE(i);
      if (s != START || (word & HIGH_BITS) != 0) {
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
          s = NEXT[s << 8 | (int) (word >>> shift) & 0xFF];
        }
      }
    }
    for (; i < end && s != INVALID; i++) {
      s = NEXT[s << 8 | bytes.getByte(i) & 0xFF];
    }
    state = s;
    return s != INVALID;
  }

  /** Whether everything checked since the last {@link #reset} is UTF-8 and ends a character. */
  public boolean isComplete() {
    return state == START;
  }

  /** Starts over, for the next message. */
  public void reset() {
    state = START;
  }

  private static byte[] transitions() {
    final byte[] next = new byte[STATES << 8];
    Arrays.fill(next, (byte) INVALID);
    range(next, START, 0x00, 0x7F, START);
    range(next, START, 0xC2, 0xDF, NEED_1);
    range(next, START, 0xE0, 0xE0, AFTER_E0);
    range(next, START, 0xE1, 0xEC, NEED_2);
    range(next, START, 0xED, 0xED, AFTER_ED);
    range(next, START, 0xEE, 0xEF, NEED_2);
    range(next, START, 0xF0, 0xF0, AFTER_F0);
    range(next, START, 0xF1, 0xF3, NEED_3);
    range(next, START, 0xF4, 0xF4, AFTER_F4);
    range(next, NEED_1, 0x80, 0xBF, START);
    range(next, NEED_2, 0x80, 0xBF, NEED_1);
    range(next, NEED_3, 0x80, 0xBF, NEED_2);
    range(next, AFTER_E0, 0xA0, 0xBF, NEED_1);
    range(next, AFTER_ED, 0x80, 0x9F, NEED_1);
    range(next, AFTER_F0, 0x90, 0xBF, NEED_2);
    range(next, AFTER_F4, 0x80, 0x8F, NEED_2);
    return next;
  }

  private static void range(byte[] next, int from, int first, int last, int to) {
    for (int b = first; b <= last; b++) {
      next[from << 8 | b] = (byte) to;
    }
  }
}
