package org.aquaticjava.udp.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The action-3 messages the tracker sends, pre-encoded once. The constant names, in lower case,
 * are metric labels ({@link #label()}): never rename a released constant. Immutable and
 * thread-safe.
 */
public enum UdpErrorMessage {
  /** Announce with port 0 (parser). */
  PORT_ZERO("Port can't be 0"),
  /** Scrape without any info hash (parser): BEP 15 has no full scrape. */
  FULL_SCRAPE("Full scrapes are not allowed"),
  /** Scrape whose hash bytes are not a multiple of 20 (parser). */
  INVALID_INFO_HASH_LIST("Invalid info hash list"),
  /** Announce for a torrent the access list refuses (server). */
  INFO_HASH_NOT_ALLOWED("Info hash not allowed"),
  /** Authentic but expired connection id, when the server is configured to say so (server). */
  CONNECTION_ID_EXPIRED("Connection ID expired"),
  /** A source over a per-source limit; sent at most once per notice interval (server). */
  RATE_LIMITED("Too many requests, retry later");

  private final String text;
  private final byte[] bytes;
  private final String label = name().toLowerCase(Locale.ROOT);

  UdpErrorMessage(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.UTF_8);
  }

  /** The message as clients display it. */
  public String text() {
    return text;
  }

  /** Encoded length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** Writes the encoded message at the writer index of {@code out}. */
  public void writeTo(ByteBuf out) {
    out.writeBytes(bytes);
  }

  /** The metric label: the constant name in lower case, e.g. {@code port_zero}. */
  public String label() {
    return label;
  }
}
