package org.aquaticjava.http.protocol;

import static org.aquaticjava.http.protocol.Bencode.ascii;

import io.netty.buffer.ByteBuf;

/**
 * Writes bencoded scrape responses (BEP 48, protocols.md §3.6) at the writer index of a
 * caller-provided buffer. Allocates nothing. Stateless and thread-safe.
 *
 * <pre>
 * d 5:files d ( 20:&lt;info hash&gt; d 8:complete i&lt;n&gt;e 10:downloaded i&lt;n&gt;e 10:incomplete i&lt;n&gt;e e )* e e
 * </pre>
 *
 * Call {@link #writeHeader}, one {@link #writeEntry} per hash <b>in ascending byte order without
 * duplicates</b> (the order of {@link ScrapeQuery}'s hashes), then {@link #end}. Include every
 * requested hash, with zeros when unknown: libtorrent reports a missing one as an invalid entry.
 */
public final class ScrapeResponseWriter {
  /** Most bytes of one entry: 3 + 20 hash bytes + 42 key bytes + 3 ints of 11 chars + 2. */
  public static final int ENTRY_MAX_LENGTH = 100;
  /** Bytes around the entries: {@code d5:filesd} and {@code ee}. */
  public static final int FRAME_LENGTH = 11;

  private static final byte[] HEADER = ascii("d5:filesd");
  private static final byte[] HASH_HEADER = ascii("20:");
  private static final byte[] COMPLETE = ascii("d8:completei");
  private static final byte[] DOWNLOADED = ascii("e10:downloadedi");
  private static final byte[] INCOMPLETE = ascii("e10:incompletei");
  private static final byte[] END = ascii("ee");

  private ScrapeResponseWriter() {}

  /** Upper bound of a scrape response's length, for sizing the buffer once. */
  public static int maxLength(int entries) {
    return FRAME_LENGTH + entries * ENTRY_MAX_LENGTH;
  }

  public static void writeHeader(ByteBuf out) {
    out.writeBytes(HEADER);
  }

  /**
   * One torrent: its packed hash (bytes 0-7, 8-15 as big-endian longs, 16-19 as an int), seeders
   * ({@code complete}), snatches ({@code downloaded}) and leechers ({@code incomplete}).
   */
  public static void writeEntry(
      ByteBuf out, long hashA, long hashB, int hashC, int seeders, int downloaded, int leechers) {
    out.ensureWritable(ENTRY_MAX_LENGTH);
    out.writeBytes(HASH_HEADER).writeLong(hashA).writeLong(hashB).writeInt(hashC);
    out.writeBytes(COMPLETE);
    Bencode.writeDecimal(out, seeders);
    out.writeBytes(DOWNLOADED);
    Bencode.writeDecimal(out, downloaded);
    out.writeBytes(INCOMPLETE);
    Bencode.writeDecimal(out, leechers);
    out.writeBytes(END);
  }

  public static void end(ByteBuf out) {
    out.writeBytes(END);
  }
}
