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
import java.net.SocketException;
import org.aquaticjava.udp.protocol.UdpParseOutcome;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.aquaticjava.udp.protocol.UdpRequestParser;
import org.aquaticjava.udp.protocol.UdpResponseWriter;

/**
 * A fixed-answer UDP responder on loopback for testing {@link UdpTestClient}: not a tracker. It
 * parses with the real {@link UdpRequestParser} and answers with the real {@link
 * UdpResponseWriter}: connect gets {@link #CONNECTION_ID}, an announce gets interval 900, 3
 * leechers, 4 seeders and two peers of the socket's family, a scrape gets (i, 0, 2i) per hash i,
 * an ERROR outcome gets its message, a DROP gets nothing. One daemon thread; {@link #close()}
 * stops it.
 */
final class LoopbackUdpResponder implements AutoCloseable {
  static final long CONNECTION_ID = 0x0102030405060708L;

  private final DatagramSocket socket;
  private final Thread thread;
  private final boolean ipv6;

  LoopbackUdpResponder(InetAddress loopback) throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
    ipv6 = loopback instanceof Inet6Address;
    thread = Thread.ofPlatform().daemon().name("loopback-udp-responder").start(this::serve);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void serve() {
    final UdpRequestParser parser = new UdpRequestParser(70);
    final UdpRequest request = new UdpRequest();
    final byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        final ByteBuf out = Unpooled.buffer();
        answer(parser.parse(Unpooled.wrappedBuffer(buffer, 0, packet.getLength()), request), request, out);
        if (out.isReadable()) {
          socket.send(new DatagramPacket(ByteBufUtil.getBytes(out), out.readableBytes(), packet.getSocketAddress()));
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void answer(UdpParseOutcome outcome, UdpRequest request, ByteBuf out) {
    final int txid = request.transactionId();
    switch (outcome) {
      case CONNECT -> UdpResponseWriter.writeConnect(out, txid, CONNECTION_ID);
      case ANNOUNCE -> {
        UdpResponseWriter.writeAnnounceHeader(out, txid, 900, 3, 4);
        if (ipv6) {
          UdpResponseWriter.writeIpv6Peer(out, 0x20010db800000000L, 1, 6881);
          UdpResponseWriter.writeIpv6Peer(out, 0x20010db800000000L, 2, request.port());
        } else {
          UdpResponseWriter.writeIpv4Peer(out, 0xc0000201, 6881);
          UdpResponseWriter.writeIpv4Peer(out, 0xc6336407, request.port());
        }
      }
      case SCRAPE -> {
        UdpResponseWriter.writeScrapeHeader(out, txid);
        for (int i = 0; i < request.scrapeHashCount(); i++) {
          UdpResponseWriter.writeScrapeEntry(out, i, 0, 2 * i);
        }
      }
      case ERROR -> UdpResponseWriter.writeError(out, txid, request.errorMessage());
      case DROP -> {}
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
