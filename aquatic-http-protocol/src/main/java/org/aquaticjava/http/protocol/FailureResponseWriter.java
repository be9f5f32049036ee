package org.aquaticjava.http.protocol;

import static org.aquaticjava.http.protocol.Bencode.ascii;

import io.netty.buffer.ByteBuf;

/**
 * Writes bencoded failure responses (BEP 3 {@code failure reason}, BEP 31 {@code retry in};
 * protocols.md §3.7) at the writer index of a caller-provided buffer. Allocates nothing. Stateless
 * and thread-safe. Send them with status 200: libtorrent does not read the body of any other.
 *
 * <pre>
 * d 14:failure reason &lt;len&gt;:&lt;text&gt; [12:min interval i&lt;seconds&gt;e] [8:retry in (i&lt;minutes&gt;e | 5:never)] e
 * </pre>
 *
 * libtorrent ignores {@code retry in} but honours {@code min interval} in a failure, so a server
 * shedding load should send both.
 */
public final class FailureResponseWriter {
  /** Pass as minimum interval or retry time to leave the key out. */
  public static final int OMIT = -1;

  private static final byte[] FAILURE_REASON = ascii("d14:failure reason");
  private static final byte[] MIN_INTERVAL = ascii("12:min intervali");
  private static final byte[] RETRY_IN = ascii("8:retry ini");
  private static final byte[] RETRY_NEVER = ascii("8:retry in5:never");

  private FailureResponseWriter() {}

  /** {@code d14:failure reason<len>:<text>e}. */
  public static void write(ByteBuf out, FailureReason reason) {
    write(out, reason.bytes(), OMIT, OMIT);
  }

  /** A failure with any reason text (UTF-8 by convention). */
  public static void write(ByteBuf out, byte[] reason) {
    write(out, reason, OMIT, OMIT);
  }

  public static void write(
      ByteBuf out, FailureReason reason, int minIntervalSeconds, int retryInMinutes) {
    write(out, reason.bytes(), minIntervalSeconds, retryInMinutes);
  }

  /**
   * A failure with optional {@code min interval} and BEP 31 {@code retry in}.
   *
   * @param minIntervalSeconds seconds before the client may announce again, or {@link #OMIT}
   * @param retryInMinutes positive minutes before the client should retry, or {@link #OMIT}
   */
  public static void write(
      ByteBuf out, byte[] reason, int minIntervalSeconds, int retryInMinutes) {
    writeReason(out, reason, minIntervalSeconds);
    if (retryInMinutes >= 0) {
      out.writeBytes(RETRY_IN);
      Bencode.writeDecimal(out, retryInMinutes);
      out.writeByte('e');
    }
    out.writeByte('e');
  }

  /** A failure with {@code retry in} = {@code never}: "this server is not a tracker" (BEP 31). */
  public static void writeRetryNever(ByteBuf out, byte[] reason) {
    writeReason(out, reason, OMIT);
    out.writeBytes(RETRY_NEVER).writeByte('e');
  }

  private static void writeReason(ByteBuf out, byte[] reason, int minIntervalSeconds) {
    out.writeBytes(FAILURE_REASON);
    Bencode.writeString(out, reason);
    if (minIntervalSeconds >= 0) {
      out.writeBytes(MIN_INTERVAL);
      Bencode.writeDecimal(out, minIntervalSeconds);
      out.writeByte('e');
    }
  }
}
