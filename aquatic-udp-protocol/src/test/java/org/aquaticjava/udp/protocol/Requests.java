package org.aquaticjava.udp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;

/** Request bytes for tests, written with the client-side {@link UdpRequestWriter}. */
final class Requests {
  static final long CONNECTION_ID = 0x00000e10a1b2c3d4L;
  static final int TXID = 0x12345678;
  static final byte[] INFO_HASH = filled(20, 0x11);
  static final byte[] PEER_ID = filled(20, 0x22);

  private Requests() {}

  static byte[] filled(int length, int value) {
    final byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  static UdpAnnounceRequest announce() {
    return UdpAnnounceRequest.of(INFO_HASH, PEER_ID, 6881, UdpAnnounceEvent.STARTED, 0);
  }

  static byte[] connectBytes() {
    final ByteBuf out = Unpooled.buffer();
    UdpRequestWriter.writeConnect(out, TXID);
    return ByteBufUtil.getBytes(out);
  }

  static byte[] announceBytes(UdpAnnounceRequest request) {
    final ByteBuf out = Unpooled.buffer();
    UdpRequestWriter.writeAnnounce(out, CONNECTION_ID, TXID, request);
    return ByteBufUtil.getBytes(out);
  }

  static byte[] scrapeBytes(int hashes) {
    final byte[][] infoHashes = new byte[hashes][];
    for (int i = 0; i < hashes; i++) {
      infoHashes[i] = filled(20, i);
    }
    final ByteBuf out = Unpooled.buffer();
    UdpRequestWriter.writeScrape(out, CONNECTION_ID, TXID, List.of(infoHashes));
    return ByteBufUtil.getBytes(out);
  }

  /** {@code head} followed by {@code tail}. */
  static byte[] concat(byte[] head, byte... tail) {
    final byte[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  static byte[] bytes(int... values) {
    final byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
