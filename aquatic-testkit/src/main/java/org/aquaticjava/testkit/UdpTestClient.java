package org.aquaticjava.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;
import org.aquaticjava.udp.protocol.UdpAnnounceRequest;
import org.aquaticjava.udp.protocol.UdpResponseOutcome;
import org.aquaticjava.udp.protocol.UdpRequestWriter;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.aquaticjava.udp.protocol.UdpResponseParser;

/**
 * Blocking BEP 15 client for tests, over a {@link DatagramSocket} connected to one tracker on
 * loopback (other targets are refused: test traffic never leaves the machine). Works for IPv4 and
 * IPv6 trackers; the announce peer format follows the tracker's address family.
 *
 * <p>Each call waits at most the timeout (default 2 s) for the reply whose transaction id matches,
 * skipping stale replies, and throws {@link SocketTimeoutException} when none comes; an action-3
 * reply throws {@link UdpTrackerErrorException}. {@link #connect()} is implicit before the first
 * announce or scrape. To assert "no reply", use {@link #send(byte[])} and {@link
 * #receive(Duration)}. Not thread-safe: one client per test thread. Transaction ids come from a
 * fixed seed, so runs are repeatable.
 */
public final class UdpTestClient implements AutoCloseable {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramSocket socket;
  private final AddressFamily family;
  private final Duration timeout;
  private final SplittableRandom transactionIds = new SplittableRandom(15);
  private final byte[] receiveBuffer = new byte[MAX_DATAGRAM];
  private final UdpResponse response = new UdpResponse();
  private long connectionId;
  private boolean connected;

  /** Announce reply: peers excluding the requester, per BEP 15 order of fields. */
  public record AnnounceReply(int interval, int leechers, int seeders, List<InetSocketAddress> peers) {}

  /** One scrape entry, in BEP 15 order. */
  public record ScrapeStats(int seeders, int completed, int leechers) {}

  private UdpTestClient(InetSocketAddress tracker, Duration timeout) throws IOException {
    final InetAddress address = tracker.getAddress();
    if (address == null || !address.isLoopbackAddress()) {
      throw new IllegalArgumentException("tests talk to loopback only, not " + tracker);
    }
    this.family = address instanceof Inet6Address ? AddressFamily.IPV6 : AddressFamily.IPV4;
    this.timeout = timeout;
    this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
    socket.connect(tracker);
  }

  /** A client for the tracker at {@code tracker} (loopback) with the default 2 s timeout. */
  public static UdpTestClient open(InetSocketAddress tracker) throws IOException {
    return open(tracker, DEFAULT_TIMEOUT);
  }

  public static UdpTestClient open(InetSocketAddress tracker, Duration timeout) throws IOException {
    return new UdpTestClient(tracker, timeout);
  }

  public AddressFamily family() {
    return family;
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Sends a connect and keeps the connection id it gets for later requests. */
  public long connect() throws IOException {
    final int txid = transactionIds.nextInt();
    final ByteBuf out = Unpooled.buffer(16);
    UdpRequestWriter.writeConnect(out, txid);
    exchange(out, txid, UdpResponseOutcome.CONNECT);
    connectionId = response.connectionId();
    connected = true;
    return connectionId;
  }

  /** The connection id used by announces and scrapes (from {@link #connect()} or overridden). */
  public long connectionId() {
    return connectionId;
  }

  /** Uses this connection id from now on, e.g. a forged or expired one, without connecting. */
  public void useConnectionId(long id) {
    connectionId = id;
    connected = true;
  }

  /** Announces with defaults for the other fields ({@link UdpAnnounceRequest#of}). */
  public AnnounceReply announce(byte[] infoHash, byte[] peerId, int port, UdpAnnounceEvent event, long left)
      throws IOException {
    return announce(UdpAnnounceRequest.of(infoHash, peerId, port, event, left));
  }

  public AnnounceReply announce(UdpAnnounceRequest request) throws IOException {
    ensureConnected();
    final int txid = transactionIds.nextInt();
    final ByteBuf out = Unpooled.buffer(128);
    UdpRequestWriter.writeAnnounce(out, connectionId, txid, request);
    exchange(out, txid, UdpResponseOutcome.ANNOUNCE);
    final List<InetSocketAddress> peers = new ArrayList<>(response.peerCount());
    for (int i = 0; i < response.peerCount(); i++) {
      peers.add(new InetSocketAddress(toInetAddress(response.peerAddress(i)), response.peerPort(i)));
    }
    return new AnnounceReply(response.interval(), response.leechers(), response.seeders(), List.copyOf(peers));
  }

  /** Scrapes the given 20-byte info hashes; one entry per hash answered, in request order. */
  public List<ScrapeStats> scrape(byte[]... infoHashes) throws IOException {
    ensureConnected();
    final int txid = transactionIds.nextInt();
    final ByteBuf out = Unpooled.buffer(16 + 20 * infoHashes.length);
    UdpRequestWriter.writeScrape(out, connectionId, txid, Arrays.asList(infoHashes));
    exchange(out, txid, UdpResponseOutcome.SCRAPE);
    final List<ScrapeStats> stats = new ArrayList<>(response.scrapeEntryCount());
    for (int i = 0; i < response.scrapeEntryCount(); i++) {
      stats.add(new ScrapeStats(response.scrapeSeeders(i), response.scrapeCompleted(i), response.scrapeLeechers(i)));
    }
    return List.copyOf(stats);
  }

  /** Sends raw bytes to the tracker. */
  public void send(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length));
  }

  /** The next datagram from the tracker, or empty if none arrives within {@code wait}. */
  public Optional<byte[]> receive(Duration wait) throws IOException {
    socket.setSoTimeout(Math.toIntExact(Math.max(1, wait.toMillis())));
    final DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(receiveBuffer, packet.getLength()));
  }

  @Override
  public void close() {
    socket.close();
  }

  private void ensureConnected() throws IOException {
    if (!connected) {
      connect();
    }
  }

  /** Sends {@code request}, then parses replies into {@link #response} until one matches. */
  private void exchange(ByteBuf request, int txid, UdpResponseOutcome expected) throws IOException {
    send(ByteBufUtil.getBytes(request));
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("no " + expected + " reply within " + timeout);
      }
      final Optional<byte[]> reply = receive(Duration.ofNanos(left));
      if (reply.isEmpty()) {
        continue;
      }
      final UdpResponseOutcome outcome =
          UdpResponseParser.parse(Unpooled.wrappedBuffer(reply.get()), family, response);
      if (outcome == UdpResponseOutcome.MALFORMED) {
        throw new ProtocolException("malformed reply to " + expected + ": " + reply.get().length + " bytes");
      }
      if (response.transactionId() != txid) {
        continue; // a stale reply to an earlier request
      }
      if (outcome == UdpResponseOutcome.ERROR) {
        throw new UdpTrackerErrorException(response.errorMessage());
      }
      if (outcome != expected) {
        throw new ProtocolException("expected " + expected + " reply but got " + outcome);
      }
      return;
    }
  }

  private static InetAddress toInetAddress(byte[] address) {
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("peer address of " + address.length + " bytes", e);
    }
  }
}
