package org.aquaticjava.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client written on a plain socket, for what a well-behaved client library will not
 * do: never finish the handshake, send fragmented or oversized frames, never read (a slow reader)
 * or never answer pings. Frames are masked as RFC 6455 requires of clients. Blocking; every read
 * has a timeout.
 */
final class RawWsClient implements AutoCloseable {
  private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawWsClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects; {@code receiveBuffer} > 0 shrinks SO_RCVBUF (set before connecting, so it holds). */
  static RawWsClient connect(InetSocketAddress tracker, int receiveBuffer) throws IOException {
    return connect(tracker, null, receiveBuffer);
  }

  /** Like {@link #connect(InetSocketAddress, int)}, from {@code source} unless it is null. */
  static RawWsClient connect(InetSocketAddress tracker, InetAddress source, int receiveBuffer)
      throws IOException {
    final Socket socket = new Socket();
    if (source != null) {
      socket.bind(new InetSocketAddress(source, 0));
    }
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(tracker, 5000);
    socket.setSoTimeout(5000);
    return new RawWsClient(socket);
  }

  /** Sends an HTTP request and returns the response head (status line and headers). */
  String request(String head) throws IOException {
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    final ByteArrayOutputStream response = new ByteArrayOutputStream();
    while (!response.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      final int b = in.read();
      if (b < 0) {
        break;
      }
      response.write(b);
    }
    return response.toString(StandardCharsets.US_ASCII);
  }

  /** Performs the upgrade on {@code path}; returns the response head. */
  String handshake(String path) throws IOException {
    return request(
        "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  }

  void sendText(String json) throws IOException {
    sendFrame(0x1, true, json.getBytes(StandardCharsets.UTF_8));
  }

  /** One masked frame. */
  void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
    out.write(frame(opcode, fin, payload));
    out.flush();
  }

  /** Each message as one masked text frame, all of them in one write call. */
  void sendTextsInOneWrite(List<String> jsons) throws IOException {
    final ByteArrayOutputStream frames = new ByteArrayOutputStream();
    for (String json : jsons) {
      frames.write(frame(0x1, true, json.getBytes(StandardCharsets.UTF_8)));
    }
    out.write(frames.toByteArray());
    out.flush();
  }

  /** The payload of the tracker's next frame, which must be a text frame. */
  String nextText() throws IOException {
    final int first = in.read();
    final int second = in.read();
    if (first < 0 || second < 0) {
      throw new IOException("connection ended");
    }
    final byte[] payload = in.readNBytes(payloadLength(second));
    if ((first & 0x0F) != 0x1) {
      throw new IOException("not a text frame: opcode " + (first & 0x0F));
    }
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** This client's end of the connection. */
  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** One masked client frame, as RFC 6455 requires of clients. */
  static byte[] frame(int opcode, boolean fin, byte[] payload) {
    final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    frame.writeBytes(MASK);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ MASK[i & 3]);
    }
    return frame.toByteArray();
  }

  /**
   * Reads the tracker's frames (unmasked, as RFC 6455 requires of servers), skipping data frames,
   * until a close frame; returns its status code, or -1 if the connection ends without one.
   */
  int awaitCloseCode() throws IOException {
    while (true) {
      final int first = in.read();
      final int second = in.read();
      if (first < 0 || second < 0) {
        return -1;
      }
      final byte[] payload = in.readNBytes(payloadLength(second));
      if ((first & 0x0F) == 0x8) {
        return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : -1;
      }
    }
  }

  /**
   * Reads the tracker's frames until the connection ends and returns the status code of every close
   * frame among them (-1 for a close frame without one), in order: RFC 6455 allows one.
   */
  List<Integer> closeCodesUntilEnd() throws IOException {
    final List<Integer> codes = new ArrayList<>();
    try {
      while (true) {
        final int first = in.read();
        final int second = in.read();
        if (first < 0 || second < 0) {
          return codes;
        }
        final byte[] payload = in.readNBytes(payloadLength(second));
        if ((first & 0x0F) == 0x8) {
          codes.add(payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : -1);
        }
      }
    } catch (IOException e) {
      return codes; // reset after the close frames
    }
  }

  private int payloadLength(int second) throws IOException {
    long length = second & 0x7F;
    if (length >= 126) {
      final int bytes = length == 126 ? 2 : 8;
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = length << 8 | in.read();
      }
    }
    return (int) length;
  }

  /**
   * Reads and discards until the server closes the connection; false if it is still open after
   * {@code wait}.
   */
  boolean awaitEndOfStream(Duration wait) throws IOException {
    final long deadline = System.nanoTime() + wait.toNanos();
    final byte[] buffer = new byte[8192];
    socket.setSoTimeout(100);
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(buffer) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting
      } catch (IOException e) {
        return true; // reset by the server counts as closed
      }
    }
    return false;
  }

  /** Resets the connection (RST instead of FIN), as a client that crashed or vanished does. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
