package org.aquaticjava.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.UdpAnnounceRequest;
import org.aquaticjava.udp.protocol.UdpResponseOutcome;
import org.aquaticjava.udp.protocol.UdpRequestWriter;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.aquaticjava.udp.protocol.UdpResponseParser;

/**
 * A UDP socket on a chosen loopback address (e.g. 127.0.0.2, which {@link
 * org.aquaticjava.testkit.UdpTestClient} cannot bind) that sends hand-built datagrams, hostile ones
 * included, and reads replies byte for byte. Refuses non-loopback addresses. Not thread-safe.
 */
final class RawUdpSocket implements AutoCloseable {
  private static final Duration REPLY_WAIT = Duration.ofSeconds(2);

  private final DatagramSocket socket;
  private final AddressFamily family;
  private final byte[] buffer = new byte[65_535];

  private RawUdpSocket(InetAddress local, InetSocketAddress tracker) throws IOException {
    if (!local.isLoopbackAddress() || !tracker.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("loopback only: " + local + " -> " + tracker);
    }
    family = local.getAddress().length == 4 ? AddressFamily.IPV4 : AddressFamily.IPV6;
    socket = new DatagramSocket(new InetSocketAddress(local, 0));
    socket.connect(tracker);
  }

  /** A socket on {@code local} (any port) talking to {@code tracker}. */
  static RawUdpSocket open(InetAddress local, InetSocketAddress tracker) throws IOException {
    return new RawUdpSocket(local, tracker);
  }

  /** A socket on the tracker's own loopback address. */
  static RawUdpSocket open(InetSocketAddress tracker) throws IOException {
    return new RawUdpSocket(tracker.getAddress(), tracker);
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void send(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length));
  }

  /** The next datagram, or empty if none arrives within {@code wait}. */
  Optional<byte[]> receive(Duration wait) throws IOException {
    socket.setSoTimeout(Math.toIntExact(Math.max(1, wait.toMillis())));
    final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(buffer, packet.getLength()));
  }

  /** Sends {@code datagram} and returns the reply, failing if none comes within 2 s. */
  byte[] exchange(byte[] datagram) throws IOException {
    send(datagram);
    return receive(REPLY_WAIT)
        .orElseThrow(() -> new AssertionError("no reply within " + REPLY_WAIT));
  }

  /** Sends {@code datagram} and parses the reply. */
  UdpResponse exchangeParsed(byte[] datagram) throws IOException {
    final UdpResponse response = new UdpResponse();
    final UdpResponseOutcome outcome =
        UdpResponseParser.parse(Unpooled.wrappedBuffer(exchange(datagram)), family, response);
    if (outcome == UdpResponseOutcome.MALFORMED) {
      throw new AssertionError("malformed reply");
    }
    return response;
  }

  /** Connects and returns the connection id. */
  long connect() throws IOException {
    final UdpResponse response = exchangeParsed(connectDatagram(1));
    if (response.outcome() != UdpResponseOutcome.CONNECT) {
      throw new AssertionError("expected a connect reply, got " + response.outcome());
    }
    return response.connectionId();
  }

  @Override
  public void close() {
    socket.close();
  }

  static byte[] connectDatagram(int transactionId) {
    return written(16, out -> UdpRequestWriter.writeConnect(out, transactionId));
  }

  static byte[] announceDatagram(long connectionId, int transactionId, UdpAnnounceRequest request) {
    return written(
        128 + (request.urlData() == null ? 0 : 2 * request.urlData().length),
        out -> UdpRequestWriter.writeAnnounce(out, connectionId, transactionId, request));
  }

  static byte[] scrapeDatagram(long connectionId, int transactionId, List<byte[]> hashes) {
    return written(
        16 + 20 * hashes.size(),
        out -> UdpRequestWriter.writeScrape(out, connectionId, transactionId, hashes));
  }

  /** A scrape header followed by {@code hashBytes} raw bytes (any length, for hostile input). */
  static byte[] scrapeWithHashBytes(long connectionId, int transactionId, int hashBytes) {
    return written(
        16 + hashBytes,
        out -> {
          out.writeLong(connectionId).writeInt(2).writeInt(transactionId);
          out.writeZero(hashBytes);
        });
  }

  private interface Writer {
    void write(ByteBuf out);
  }

  private static byte[] written(int capacity, Writer writer) {
    final ByteBuf out = Unpooled.buffer(capacity);
    try {
      writer.write(out);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }
}
