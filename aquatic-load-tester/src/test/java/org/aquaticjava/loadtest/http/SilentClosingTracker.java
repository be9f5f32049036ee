package org.aquaticjava.loadtest.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP tracker stand-in on 127.0.0.1 that behaves like opentracker: it answers exactly
 * one request per connection with a valid HTTP/1.1 reply that does <em>not</em> say {@code
 * Connection: close}, then closes the connection. Counts the replies it writes (as it starts each).
 */
final class SilentClosingTracker implements AutoCloseable {
  private static final byte[] ANNOUNCE =
      reply("d8:completei1e10:incompletei0e8:intervali60e5:peers0:e");
  private static final byte[] SCRAPE = reply("d5:filesdee");

  final AtomicLong served = new AtomicLong();
  private final ServerSocket server;
  private final Thread acceptor;

  SilentClosingTracker() throws IOException {
    server = new ServerSocket(0, 1024, InetAddress.getByName("127.0.0.1"));
    acceptor = Thread.ofPlatform().daemon().name("silent-closing-tracker").start(this::accept);
  }

  String serverAddress() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  private static byte[] reply(String body) {
    return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        final Socket socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      final InputStream in = socket.getInputStream();
      final StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0) {
        head.append((char) b);
        if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
          final boolean announce = head.toString().startsWith("GET /announce");
          // Counted before the write: counted after it, the client may have read the reply and
          // the test compared the counts before this thread got to the increment.
          served.incrementAndGet();
          socket.getOutputStream().write(announce ? ANNOUNCE : SCRAPE);
          socket.getOutputStream().flush();
          return;
        }
      }
    } catch (IOException e) {
      // The client went away; nothing was served.
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /** Stops accepting and waits for its thread: a test's run is over before its block ends. */
  void stop() throws IOException {
    server.close();
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
