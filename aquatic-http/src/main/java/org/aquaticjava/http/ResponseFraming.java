package org.aquaticjava.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.aquaticjava.http.protocol.Bencode;

/**
 * Frames a response in the buffer its body was written into: the body goes after {@link
 * #HEAD_ROOM} reserved bytes, then the status line and headers are written just in front of it.
 * One pooled buffer, one write, no copy, no header objects, no strings. Stateless and thread-safe.
 *
 * <pre>
 * HTTP/1.1 200 OK\r\n
 * Content-Type: text/plain\r\n
 * Content-Length: 92\r\n
 * [Connection: close\r\n | Connection: keep-alive\r\n]
 * \r\n
 * &lt;body&gt;
 * </pre>
 *
 * {@code Connection} is sent only when it differs from the HTTP/1.1 default: {@code close} when
 * the server closes after this response, {@code keep-alive} for an HTTP/1.0 client it keeps.
 */
final class ResponseFraming {
  /** Bytes reserved in front of the body; the longest head is 126 bytes. */
  static final int HEAD_ROOM = 160;

  private static final byte[] CONTENT_TYPE = ascii("Content-Type: text/plain\r\nContent-Length: ");
  private static final byte[] CLOSE = ascii("\r\nConnection: close\r\n\r\n");
  private static final byte[] KEEP_ALIVE = ascii("\r\nConnection: keep-alive\r\n\r\n");
  private static final byte[] END = ascii("\r\n\r\n");

  /** How the {@code Connection} header reads. */
  enum Connection {
    /** HTTP/1.1 keeps the connection: no header. */
    DEFAULT(END),
    CLOSE(ResponseFraming.CLOSE),
    /** An HTTP/1.0 client that asked for keep-alive. */
    KEEP_ALIVE(ResponseFraming.KEEP_ALIVE);

    private final byte[] tail;

    Connection(byte[] tail) {
      this.tail = tail;
    }
  }

  private ResponseFraming() {}

  /** A pooled buffer with the head room reserved and room for {@code bodyCapacity} bytes. */
  static ByteBuf allocate(ByteBufAllocator alloc, int bodyCapacity) {
    final ByteBuf buf = alloc.ioBuffer(HEAD_ROOM + bodyCapacity);
    buf.setIndex(HEAD_ROOM, HEAD_ROOM);
    return buf;
  }

  /**
   * Writes the head in front of the body (the buffer's readable bytes, which must start at {@link
   * #HEAD_ROOM}); afterwards the readable bytes are the whole response.
   */
  static void frame(ByteBuf buf, HttpStatus status, Connection connection) {
    final int bodyStart = buf.readerIndex();
    final int bodyEnd = buf.writerIndex();
    final int bodyLength = bodyEnd - bodyStart;
    final byte[] statusLine = status.statusLine();
    final int headLength =
        statusLine.length
            + CONTENT_TYPE.length
            + Bencode.decimalLength(bodyLength)
            + connection.tail.length;
    final int start = bodyStart - headLength;
    buf.readerIndex(start).writerIndex(start);
    buf.writeBytes(statusLine).writeBytes(CONTENT_TYPE);
    Bencode.writeDecimal(buf, bodyLength);
    buf.writeBytes(connection.tail);
    buf.writerIndex(bodyEnd);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
