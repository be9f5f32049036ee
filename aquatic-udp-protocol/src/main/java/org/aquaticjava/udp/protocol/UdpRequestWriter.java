package org.aquaticjava.udp.protocol;

import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_ANNOUNCE;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_CONNECT;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_SCRAPE;
import static org.aquaticjava.udp.protocol.UdpProtocol.INFO_HASH_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.PROTOCOL_ID;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Writes BEP 15 requests, client side (load tester, test client), at the writer index of a
 * caller-provided buffer. Layouts are drawn on {@link UdpRequestParser}. Stateless and
 * thread-safe.
 */
public final class UdpRequestWriter {
  /** Most data bytes in one BEP 41 option (its length is one byte). */
  private static final int MAX_OPTION_DATA = 255;

  private UdpRequestWriter() {}

  public static void writeConnect(ByteBuf out, int transactionId) {
    out.writeLong(PROTOCOL_ID).writeInt(ACTION_CONNECT).writeInt(transactionId);
  }

  /**
   * Writes the 98-byte announce, then, if the request has URLData, one URLData option per 255
   * bytes (an empty URLData becomes {@code 02 00}).
   */
  public static void writeAnnounce(
      ByteBuf out, long connectionId, int transactionId, UdpAnnounceRequest request) {
    out.writeLong(connectionId)
        .writeInt(ACTION_ANNOUNCE)
        .writeInt(transactionId)
        .writeBytes(request.infoHash())
        .writeBytes(request.peerId())
        .writeLong(request.downloaded())
        .writeLong(request.left())
        .writeLong(request.uploaded())
        .writeInt(request.event())
        .writeInt(request.ipAddress())
        .writeInt(request.key())
        .writeInt(request.numWant())
        .writeShort(request.port());
    final byte[] urlData = request.urlData();
    if (urlData != null) {
      int written = 0;
      do {
        final int chunk = Math.min(MAX_OPTION_DATA, urlData.length - written);
        out.writeByte(Bep41Options.URL_DATA).writeByte(chunk).writeBytes(urlData, written, chunk);
        written += chunk;
      } while (written < urlData.length);
    }
  }

  /** Writes a scrape for the given 20-byte info hashes, in order. */
  public static void writeScrape(
      ByteBuf out, long connectionId, int transactionId, List<byte[]> infoHashes) {
    for (byte[] infoHash : infoHashes) {
      if (infoHash.length != INFO_HASH_LENGTH) {
        throw new IllegalArgumentException("info hash must be 20 bytes: " + infoHash.length);
      }
    }
    out.writeLong(connectionId).writeInt(ACTION_SCRAPE).writeInt(transactionId);
    for (byte[] infoHash : infoHashes) {
      out.writeBytes(infoHash);
    }
  }
}
