package org.aquaticjava.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Server-to-client text frames (RFC 6455 §5.2: FIN set, unmasked, no extension bits) built in the
 * message's own buffer. The message is written after {@link #HEADROOM} reserved bytes ({@link
 * #allocate}); {@link #seal} writes the frame header in front of it. The sealed buffer goes down
 * the pipeline as a plain {@code ByteBuf}, which Netty's WebSocket encoder passes through: a frame
 * costs no frame object and no header buffer, and its payload is not copied (Netty's encoder
 * copies payloads up to 1 KiB into a new buffer and sends larger ones as two buffers, with a
 * promise per buffer). Stateless.
 */
public final class ServerTextFrame {
  /** The longest header: 2 bytes and a 64-bit length. */
  public static final int HEADROOM = 10;

  private static final int FIN_TEXT = 0x81;
  private static final int LENGTH_16 = 126;
  private static final int LENGTH_64 = 127;

  private ServerTextFrame() {}

  /**
   * A buffer for a message of about {@code payloadCapacity} bytes (it grows as any buffer), with
   * room for the frame header before its reader index.
   */
  public static ByteBuf allocate(ByteBufAllocator alloc, int payloadCapacity) {
    final ByteBuf buffer = alloc.buffer(HEADROOM + payloadCapacity);
    buffer.setIndex(HEADROOM, HEADROOM);
    return buffer;
  }

  /**
   * Writes the header of a text frame whose payload is {@code message}'s readable bytes in front of
   * them and moves the reader index back to it: the readable bytes are then the whole frame.
   *
   * @param message a buffer from {@link #allocate}, with the message written
   * @return {@code message}
   * @throws IllegalArgumentException if the buffer has no room for the header before its reader
   *     index (not from {@link #allocate}, or sealed already)
   */
  public static ByteBuf seal(ByteBuf message) {
    final int length = message.readableBytes();
    final int headerLength = length < LENGTH_16 ? 2 : length <= 0xFFFF ? 4 : HEADROOM;
    final int start = message.readerIndex() - headerLength;
    if (start < 0) {
      throw new IllegalArgumentException("no room for a " + headerLength + "-byte frame header");
    }
    message.setByte(start, FIN_TEXT);
    if (headerLength == 2) {
      message.setByte(start + 1, length);
    } else if (headerLength == 4) {
      message.setByte(start + 1, LENGTH_16);
      message.setShort(start + 2, length);
    } else {
      message.setByte(start + 1, LENGTH_64);
      message.setLong(start + 2, length);
    }
    message.readerIndex(start);
    return message;
  }
}
