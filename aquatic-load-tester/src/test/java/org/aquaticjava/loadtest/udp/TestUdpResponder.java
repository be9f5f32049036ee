package org.aquaticjava.loadtest.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.aquaticjava.udp.protocol.UdpParseOutcome;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.aquaticjava.udp.protocol.UdpRequestParser;
import org.aquaticjava.udp.protocol.UdpResponseWriter;

/**
 * A stateless BEP 15 responder on loopback for load-tester tests: answers connects with a fixed
 * connection id, announces with up to {@code num_want} made-up peers, scrapes with one entry per
 * hash; optionally misbehaves on every n-th announce (drop it, send one peer too many, send an
 * error) and counts what it did, so a test can check the load tester's counts against it.
 */
final class TestUdpResponder implements AutoCloseable {
  static final long CONNECTION_ID = 0x0123_4567_89AB_CDEFL;
  static final String ERROR_MESSAGE = "Connection ID missmatch.";
  private static final int PEERS_RETURNED = 5;

  private final DatagramChannel channel;
  private final boolean ipv6;
  private final int dropEvery;
  private final int tooManyPeersEvery;
  private final int errorEvery;
  private final Thread thread;

  final AtomicLong connects = new AtomicLong();
  final AtomicLong announces = new AtomicLong();
  final AtomicLong scrapes = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong tooMany = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  /** Every source address a request came from. */
  final Set<InetAddress> sources = ConcurrentHashMap.newKeySet();

  private TestUdpResponder(
      InetAddress address, int dropEvery, int tooManyPeersEvery, int errorEvery)
      throws IOException {
    this.channel = DatagramChannel.open().bind(new InetSocketAddress(address, 0));
    this.ipv6 = address instanceof java.net.Inet6Address;
    this.dropEvery = dropEvery;
    this.tooManyPeersEvery = tooManyPeersEvery;
    this.errorEvery = errorEvery;
    this.thread = Thread.ofPlatform().name("test-udp-responder").start(this::serve);
  }

  /** A responder that answers everything correctly. */
  static TestUdpResponder wellBehaved(InetAddress address) throws IOException {
    return new TestUdpResponder(address, 0, 0, 0);
  }

  /** A responder that misbehaves on every n-th announce (0 = never) in the given ways. */
  static TestUdpResponder misbehaving(
      InetAddress address, int dropEvery, int tooManyPeersEvery, int errorEvery)
      throws IOException {
    return new TestUdpResponder(address, dropEvery, tooManyPeersEvery, errorEvery);
  }

  /** {@code host:port} of the bound socket, as the config wants it. */
  String serverAddress() throws IOException {
    final InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
    final String host = local.getAddress().getHostAddress();
    return (ipv6 ? "[" + host + "]" : host) + ":" + local.getPort();
  }

  private void serve() {
    final UdpRequestParser parser = new UdpRequestParser(74);
    final UdpRequest request = new UdpRequest();
    final ByteBuffer in = ByteBuffer.allocate(2048);
    final ByteBuf out = Unpooled.buffer(2048);
    try {
      while (true) {
        in.clear();
        final SocketAddress client = channel.receive(in);
        sources.add(((InetSocketAddress) client).getAddress());
        in.flip();
        if (parser.parse(Unpooled.wrappedBuffer(in), request) == UdpParseOutcome.DROP) {
          continue;
        }
        out.clear();
        if (respond(request, out)) {
          channel.send(out.nioBuffer(), client);
        }
      }
    } catch (ClosedChannelException e) {
      // close() was called: done.
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private boolean respond(UdpRequest request, ByteBuf out) {
    final int transactionId = request.transactionId();
    switch (request.outcome()) {
      case CONNECT -> {
        connects.incrementAndGet();
        UdpResponseWriter.writeConnect(out, transactionId, CONNECTION_ID);
      }
      case ANNOUNCE -> {
        final long n = announces.incrementAndGet();
        if (request.connectionId() != CONNECTION_ID || every(n, errorEvery)) {
          errors.incrementAndGet();
          UdpResponseWriter.writeError(
              out, transactionId, ERROR_MESSAGE.getBytes(StandardCharsets.US_ASCII));
          return true;
        }
        if (every(n, dropEvery)) {
          dropped.incrementAndGet();
          return false;
        }
        int peers = Math.min(PEERS_RETURNED, request.numWant() < 0 ? 30 : request.numWant());
        if (every(n, tooManyPeersEvery)) {
          tooMany.incrementAndGet();
          peers = request.numWant() + 1;
        }
        UdpResponseWriter.writeAnnounceHeader(out, transactionId, 900, 1, 2);
        for (int i = 0; i < peers; i++) {
          if (ipv6) {
            UdpResponseWriter.writeIpv6Peer(out, 0x2001_0db8_0000_0000L, i + 1, 6881 + i);
          } else {
            UdpResponseWriter.writeIpv4Peer(out, 0xC000_0200 + i + 1, 6881 + i);
          }
        }
      }
      case SCRAPE -> {
        scrapes.incrementAndGet();
        UdpResponseWriter.writeScrapeHeader(out, transactionId);
        for (int i = 0; i < request.scrapeHashCount(); i++) {
          UdpResponseWriter.writeScrapeEntry(out, 3, 1, 2);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static boolean every(long n, int period) {
    return period > 0 && n % period == 0;
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /** Stops answering and waits for its thread: a test's run is over before its block ends. */
  void stop() throws IOException {
    channel.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
