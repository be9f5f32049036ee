package org.aquaticjava.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.aquaticjava.ws.protocol.ClientAnnounce;
import org.aquaticjava.ws.protocol.ClientOffer;
import org.aquaticjava.ws.protocol.JsonText;
import org.aquaticjava.ws.protocol.WebTorrentClientWriter;

/** Client messages written by the protocol module's client writer, and ids for tests. */
final class Messages {
  private static final WebTorrentClientWriter WRITER = new WebTorrentClientWriter();

  // The golden files' ids (aquatic-golden golden/ws/README.md).
  static final byte[] IH = hex("000a1f225c7f80ff" + asciiHex("abcdefghijkl"));
  static final byte[] PA = hex(asciiHex("-WW0208-") + "0102030405c3e9e0f1f2f3f4");
  static final byte[] PB = hex(asciiHex("-WW0208-") + "090d0822272f3a7e7f9fa0bf");
  static final byte[] O1 = hex("101112131415161718191a1b1c1d1e1f20212223");

  private Messages() {}

  /** A 20-byte id: {@code prefix} (ASCII) then {@code n} in the last four bytes, with binary bytes in between. */
  static byte[] id(String prefix, int n) {
    final byte[] id = new byte[20];
    final byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(p, 0, id, 0, Math.min(p.length, 12));
    id[12] = (byte) 0x00;
    id[13] = (byte) 0xff;
    id[14] = '"';
    id[15] = '\\';
    id[16] = (byte) (n >>> 24);
    id[17] = (byte) (n >>> 16);
    id[18] = (byte) (n >>> 8);
    id[19] = (byte) n;
    return id;
  }

  static byte[] peer(int n) {
    return id("-WW0208-", n);
  }

  static byte[] infoHash(int n) {
    return id("infohash", n);
  }

  static byte[] offerId(int n) {
    return id("offer", n);
  }

  static JsonText sdp(String tag) {
    return JsonText.of("v=0\r\no=- " + tag + " 2 IN IP4 127.0.0.1\r\ns=-\r\n");
  }

  /** {@code count} offers with ids offerId(first..first+count-1). */
  static List<ClientOffer> offers(int first, int count) {
    final List<ClientOffer> offers = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      offers.add(new ClientOffer(offerId(i), sdp("offer-" + i)));
    }
    return offers;
  }

  static String announce(byte[] infoHash, byte[] peerId, AnnounceEvent event, long left, List<ClientOffer> offers) {
    return write(out -> WRITER.writeAnnounce(
        out, new ClientAnnounce(infoHash, peerId, event, left, 0, 0, offers.size(), offers)));
  }

  static String announce(byte[] infoHash, byte[] peerId, long left) {
    return announce(infoHash, peerId, AnnounceEvent.STARTED, left, List.of());
  }

  static String answer(byte[] infoHash, byte[] peerId, byte[] toPeerId, byte[] offerId) {
    return write(out -> WRITER.writeAnswer(out, infoHash, peerId, toPeerId, offerId, sdp("answer")));
  }

  static String scrape(byte[]... infoHashes) {
    return write(out -> WRITER.writeScrape(out, infoHashes, infoHashes.length));
  }

  private static String write(java.util.function.Consumer<ByteBuf> writing) {
    final ByteBuf out = Unpooled.buffer();
    try {
      writing.accept(out);
      return new String(ByteBufUtil.getBytes(out), StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static String asciiHex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
