package org.aquaticjava.loadtest.http;

import io.netty.buffer.ByteBuf;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.HttpAnnounceRequestWriter;

/**
 * Writes complete HTTP/1.1 GET requests as raw bytes: the request line with the target from {@link
 * HttpAnnounceRequestWriter}, a {@code Host} header and, for connection-per-request runs, {@code
 * Connection: close}. Everything after the target is a constant precomputed per run, so a request
 * costs no more than its target. Immutable and thread-safe.
 */
final class RequestWriter {
  private static final byte[] GET = "GET ".getBytes(StandardCharsets.US_ASCII);

  /** {@code " HTTP/1.1\r\nHost: ...\r\n[Connection: close\r\n]\r\n"}. */
  private final byte[] tail;

  RequestWriter(InetSocketAddress target, boolean keepAlive) {
    final String host =
        target.getAddress() instanceof Inet6Address
            ? "[" + target.getAddress().getHostAddress() + "]"
            : target.getAddress().getHostAddress();
    tail =
        (" HTTP/1.1\r\nHost: "
                + host
                + ":"
                + target.getPort()
                + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
  }

  void writeAnnounce(ByteBuf out, HttpAnnounceRequest request) {
    out.writeBytes(GET);
    HttpAnnounceRequestWriter.writeAnnounceTarget(out, request);
    out.writeBytes(tail);
  }

  void writeScrape(ByteBuf out, String path, List<byte[]> infoHashes) {
    out.writeBytes(GET);
    HttpAnnounceRequestWriter.writeScrapeTarget(out, path, infoHashes);
    out.writeBytes(tail);
  }
}
