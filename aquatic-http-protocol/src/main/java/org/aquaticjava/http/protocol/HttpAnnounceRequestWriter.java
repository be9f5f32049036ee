package org.aquaticjava.http.protocol;

import static org.aquaticjava.http.protocol.Bencode.ascii;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes HTTP tracker request targets, client side (load tester, test client): the {@code
 * path?query} that follows {@code GET }, in ASCII, at the writer index of a caller-provided buffer.
 * Binary values are percent-encoded the way libtorrent does it (protocols.md §3.3): {@code A-Z a-z
 * 0-9 - _ . ! ~ * ( )} stay raw, every other byte becomes {@code %XX} with upper-case hex, {@code +}
 * and space included. Parameters come in libtorrent's order. Stateless and thread-safe.
 */
public final class HttpAnnounceRequestWriter {
  private static final byte[] HEX = ascii("0123456789ABCDEF");
  private static final byte[] INFO_HASH = ascii("?info_hash=");
  private static final byte[] PEER_ID = ascii("&peer_id=");
  private static final byte[] PORT = ascii("&port=");
  private static final byte[] UPLOADED = ascii("&uploaded=");
  private static final byte[] DOWNLOADED = ascii("&downloaded=");
  private static final byte[] LEFT = ascii("&left=");
  private static final byte[] KEY = ascii("&key=");
  private static final byte[] EVENT = ascii("&event=");
  private static final byte[] NUMWANT = ascii("&numwant=");
  private static final byte[] COMPACT = ascii("&compact=");
  private static final byte[] NO_PEER_ID = ascii("&no_peer_id=1");
  private static final byte[] SCRAPE_FIRST = ascii("?info_hash=");
  private static final byte[] SCRAPE_NEXT = ascii("&info_hash=");
  /** Bytes libtorrent leaves unescaped, as a 256-entry lookup. */
  private static final boolean[] RAW = new boolean[256];

  static {
    for (byte b : ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*()")) {
      RAW[b] = true;
    }
  }

  private HttpAnnounceRequestWriter() {}

  /** Writes {@code /announce?info_hash=...&...} for {@code request}. */
  public static void writeAnnounceTarget(ByteBuf out, HttpAnnounceRequest request) {
    out.writeCharSequence(request.path(), StandardCharsets.UTF_8);
    out.writeBytes(INFO_HASH);
    percentEncode(out, request.infoHash());
    out.writeBytes(PEER_ID);
    percentEncode(out, request.peerId());
    out.writeBytes(PORT);
    Bencode.writeDecimal(out, request.port());
    out.writeBytes(UPLOADED);
    Bencode.writeDecimal(out, request.uploaded());
    out.writeBytes(DOWNLOADED);
    Bencode.writeDecimal(out, request.downloaded());
    out.writeBytes(LEFT);
    Bencode.writeDecimal(out, request.left());
    final byte[] key = request.key();
    if (key != null) {
      out.writeBytes(KEY);
      percentEncode(out, key);
    }
    if (request.event() != HttpAnnounceEvent.NONE) {
      out.writeBytes(EVENT).writeBytes(request.event().wireBytes());
    }
    if (request.numWant() >= 0) {
      out.writeBytes(NUMWANT);
      Bencode.writeDecimal(out, request.numWant());
    }
    out.writeBytes(COMPACT).writeByte(request.compact() ? '1' : '0');
    if (request.noPeerId()) {
      out.writeBytes(NO_PEER_ID);
    }
  }

  /** The announce target as a string, e.g. for a JDK {@code HttpClient} URI. */
  public static String announceTarget(HttpAnnounceRequest request) {
    final ByteBuf out = Unpooled.buffer(256);
    try {
      writeAnnounceTarget(out, request);
      return out.toString(StandardCharsets.US_ASCII);
    } finally {
      out.release();
    }
  }

  /** Writes {@code <path>?info_hash=...&info_hash=...} for the given 20-byte hashes, in order. */
  public static void writeScrapeTarget(ByteBuf out, String path, List<byte[]> infoHashes) {
    for (byte[] infoHash : infoHashes) {
      if (infoHash.length != InfoHashes.LENGTH) {
        throw new IllegalArgumentException("info hash must be 20 bytes: " + infoHash.length);
      }
    }
    out.writeCharSequence(path, StandardCharsets.UTF_8);
    for (int i = 0; i < infoHashes.size(); i++) {
      out.writeBytes(i == 0 ? SCRAPE_FIRST : SCRAPE_NEXT);
      percentEncode(out, infoHashes.get(i));
    }
  }

  /** Writes {@code bytes} percent-encoded as described on this class. */
  public static void percentEncode(ByteBuf out, byte[] bytes) {
    out.ensureWritable(bytes.length * 3);
    for (byte b : bytes) {
      final int value = b & 0xFF;
      if (RAW[value]) {
        out.writeByte(value);
      } else {
        out.writeByte('%').writeByte(HEX[value >>> 4]).writeByte(HEX[value & 0xF]);
      }
    }
  }
}
