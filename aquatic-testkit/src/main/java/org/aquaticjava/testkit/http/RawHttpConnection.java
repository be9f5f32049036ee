package org.aquaticjava.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw TCP (or TLS) connection to an HTTP server, for what {@link HttpTestClient} cannot do: malformed
 * requests, pipelining, slow heads, watching the server close. Reads responses framed by {@code
 * Content-Length}. Every read is bounded by the timeout given at connect. Not thread-safe.
 */
public final class RawHttpConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code address}; reads give up after {@code readTimeoutMillis}. */
  public static RawHttpConnection connect(InetSocketAddress address, int readTimeoutMillis)
      throws IOException {
    return connect(address, null, readTimeoutMillis);
  }

  /**
   * Connects to {@code address} from {@code source} (e.g. one of 127.0.0.0/8, to act as another
   * client address), or from the default local address if null.
   */
  public static RawHttpConnection connect(
      InetSocketAddress address, InetAddress source, int readTimeoutMillis) throws IOException {
    final Socket socket = new Socket();
    if (source != null) {
      socket.bind(new InetSocketAddress(source, 0));
    }
    socket.connect(address, 5_000);
    socket.setSoTimeout(readTimeoutMillis);
    socket.setTcpNoDelay(true);
    return new RawHttpConnection(socket);
  }

  /**
   * Connects over TLS to {@code address}, trusting what {@code ssl} trusts, and completes the
   * handshake; reads give up after {@code readTimeoutMillis}.
   */
  public static RawHttpConnection connectTls(
      InetSocketAddress address, int readTimeoutMillis, SSLContext ssl) throws IOException {
    final Socket plain = new Socket();
    plain.connect(address, 5_000);
    plain.setSoTimeout(readTimeoutMillis);
    plain.setTcpNoDelay(true);
    final SSLSocket socket =
        (SSLSocket)
            ssl.getSocketFactory()
                .createSocket(plain, address.getAddress().getHostAddress(), address.getPort(), true);
    socket.startHandshake();
    return new RawHttpConnection(socket);
  }

  /** The certificate the server presented, for a TLS connection. */
  public X509Certificate peerCertificate() throws IOException {
    if (!(socket instanceof SSLSocket tls)) {
      throw new IllegalStateException("not a TLS connection");
    }
    return (X509Certificate) tls.getSession().getPeerCertificates()[0];
  }

  /** Sends {@code text} (ISO-8859-1) in one write. */
  public RawHttpConnection send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public RawHttpConnection send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** A {@code GET target HTTP/1.1} request with a Host header and any extra header lines. */
  public static String get(String target, String... headerLines) {
    final StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
    request.append("Host: tracker\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  /**
   * Reads one response framed by {@code Content-Length}.
   *
   * @throws IOException if the server closes or stays silent before a full response
   */
  public RawResponse readResponse() throws IOException {
    final String head = readHead();
    final String[] lines = head.split("\r\n");
    final String[] statusLine = lines[0].split(" ", 3);
    int contentLength = 0;
    String connection = null;
    for (int i = 1; i < lines.length; i++) {
      final int colon = lines[i].indexOf(':');
      final String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      final String value = lines[i].substring(colon + 1).strip();
      if (name.equals("content-length")) {
        contentLength = Integer.parseInt(value);
      } else if (name.equals("connection")) {
        connection = value;
      }
    }
    final byte[] body = in.readNBytes(contentLength);
    if (body.length != contentLength) {
      throw new IOException("connection closed inside a body");
    }
    return new RawResponse(Integer.parseInt(statusLine[1]), connection, head, body);
  }

  private String readHead() throws IOException {
    final ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!endsWithBlankLine(head)) {
      final int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before a complete response head: " + head);
      }
      head.write(b);
    }
    final String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - 4);
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
    final int n = head.size();
    if (n < 4) {
      return false;
    }
    final byte[] bytes = head.toByteArray();
    return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
  }

  /**
   * Whether the server closed the connection: true on end of stream (or reset), false if it is
   * still open when the read timeout expires. Any bytes the server sends first are skipped.
   */
  public boolean closedByServer() throws IOException {
    return closedByServer(socket.getSoTimeout());
  }

  /** Like {@link #closedByServer()}, waiting at most {@code waitMillis} for the close. */
  public boolean closedByServer(int waitMillis) throws IOException {
    final int readTimeout = socket.getSoTimeout();
    socket.setSoTimeout(waitMillis);
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    } finally {
      if (!socket.isClosed()) {
        socket.setSoTimeout(readTimeout);
      }
    }
  }

  /**
   * Whether the server closed the connection without sending a byte: true on end of stream (or
   * reset) before any byte, false if a byte arrives or the connection is still open after the
   * read timeout.
   */
  public boolean closedWithoutAnswer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /**
   * @param status the status code
   * @param connection the {@code Connection} header, or null
   * @param head the status line and headers, without the final blank line
   * @param body the body bytes
   */
  public record RawResponse(int status, String connection, String head, byte[] body) {
    /** The body as a bencoded-response view. */
    public HttpTrackerResponse asTrackerResponse() {
      return new HttpTrackerResponse(status, null, connection, body);
    }
  }
}
