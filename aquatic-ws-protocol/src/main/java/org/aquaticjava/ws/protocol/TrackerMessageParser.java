package org.aquaticjava.ws.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Reads a tracker's message (protocols.md §6.4) into a reusable {@link TrackerMessage}, for the
 * load tester and tests. Keys in any order, unknown keys skipped; never throws for any content
 * (anything unusable is {@link TrackerMessageKind#INVALID} with a reason). Classification: a
 * {@code failure reason} makes an ERROR; otherwise action announce with {@code offer} is an OFFER,
 * with {@code answer} an ANSWER, else an ANNOUNCE_RESPONSE; action scrape with {@code files} is a
 * SCRAPE_RESPONSE. JSON is read as strictly as {@link WsRequestParser} reads it (the same
 * {@link JsonCursor}), at most {@value #MAX_NESTING_DEPTH} levels deep. Immutable and
 * thread-safe; each thread brings its own slot.
 */
public final class TrackerMessageParser {
  static final int MAX_NESTING_DEPTH = 8;

  private static final int ACTION = 0;
  private static final int INFO_HASH = 1;
  private static final int PEER_ID = 2;
  private static final int OFFER_ID = 3;
  private static final int OFFER = 4;
  private static final int ANSWER = 5;
  private static final int COMPLETE = 6;
  private static final int INCOMPLETE = 7;
  private static final int INTERVAL = 8;
  private static final int FAILURE_REASON = 9;
  private static final int WARNING_MESSAGE = 10;
  private static final int FILES = 11;
  private static final byte[][] KEYS = JsonOutput.asciiAll(
      "action", "info_hash", "peer_id", "offer_id", "offer", "answer", "complete", "incomplete",
      "interval", "failure reason", "warning message", "files");
  /** Keys of a {@code files} entry, at their slot in {@link TrackerMessage#scrapeCounts}. */
  private static final byte[][] COUNT_KEYS = JsonOutput.asciiAll("complete", "incomplete", "downloaded");

  private final int maxMessageSize;
  private final int maxSdpSize;

  public TrackerMessageParser(int maxMessageSize, int maxSdpSize) {
    this.maxMessageSize = maxMessageSize;
    this.maxSdpSize = maxSdpSize;
  }

  /** Reads the readable bytes of {@code content} without moving its indices. */
  public TrackerMessageKind parse(ByteBuf content, TrackerMessage out) {
    final int length = content.readableBytes();
    if (length > Math.min(maxMessageSize, out.message.length)) {
      out.reset(0);
      return out.invalid("message too large: " + length);
    }
    JsonCursor.copyReadable(content, out.message, length);
    out.reset(length);
    if (!JsonCursor.isPlainUtf8Start(out.message, length)) {
      return out.invalid("not UTF-8 JSON");
    }
    final JsonCursor c = out.cursor;
    c.reset(out.message, length);
    try {
      if (!c.rootIsObject()) {
        return out.invalid("not a JSON object");
      }
      for (boolean more = c.objectStart(); more; more = c.objectNext()) {
        c.fieldName();
        readField(c, c.stringIndex(KEYS), out);
      }
      if (c.more()) {
        return out.invalid("content after the object");
      }
    } catch (JsonCursor.Stop stop) {
      return out.invalid("malformed JSON: " + stop.reason.label());
    }
    return out.kind = classify(out);
  }

  private void readField(JsonCursor c, int key, TrackerMessage out) {
    switch (key) {
      case ACTION -> out.action = text(c) ? MessageAction.named(c) : MessageAction.NONE;
      case INFO_HASH -> out.infoHashPresent = binary(c, out.infoHash, 0);
      case PEER_ID -> out.peerIdPresent = binary(c, out.peerId, 0);
      case OFFER_ID -> out.offerIdPresent = binary(c, out.offerId, 0);
      case OFFER -> out.offerPresent = readSdp(c, out);
      case ANSWER -> out.answerPresent = readSdp(c, out);
      case COMPLETE -> out.complete = readCount(c);
      case INCOMPLETE -> out.incomplete = readCount(c);
      case INTERVAL -> out.interval = readCount(c);
      case FAILURE_REASON -> out.failureReason = text(c) ? c.stringValue() : "";
      case WARNING_MESSAGE -> out.warningMessage = text(c) ? c.stringValue() : "";
      case FILES -> readFiles(c, out);
      default -> c.skipValue();
    }
  }

  /** Reads the value; whether it was a string (then it is the cursor's last string). */
  private static boolean text(JsonCursor c) {
    if (c.value() != JsonCursor.STRING) {
      c.skipValue();
      return false;
    }
    c.string();
    return true;
  }

  private static boolean binary(JsonCursor c, byte[] dst, int offset) {
    return text(c) && c.binaryString(dst, offset);
  }

  private boolean readSdp(JsonCursor c, TrackerMessage out) {
    final long range = c.sdpHolder(maxSdpSize);
    if (range < 0) {
      return false;
    }
    out.sdpOffset = JsonCursor.rangeOffset(range);
    out.sdpLength = JsonCursor.rangeLength(range);
    return true;
  }

  private static long readCount(JsonCursor c) {
    if (c.value() != JsonCursor.NUMBER) {
      c.skipValue();
      return TrackerMessage.ABSENT;
    }
    c.number();
    return c.numberKind == JsonCursor.INT || c.numberKind == JsonCursor.LONG
        ? c.numberValue
        : TrackerMessage.ABSENT;
  }

  /** {@code {IH:{complete,incomplete,downloaded}, …}}; entries with a bad hash are skipped. */
  private static void readFiles(JsonCursor c, TrackerMessage out) {
    if (c.value() != JsonCursor.OBJECT) {
      c.skipValue();
      return;
    }
    out.filesPresent = true;
    out.scrapeEntryCount = 0;
    out.scrapeEntriesIgnored = 0;
    for (boolean more = c.objectStart(); more; more = c.objectNext()) {
      c.fieldName();
      final int i = out.scrapeEntryCount;
      // A name is a string too, so the binary-string rules apply.
      final boolean kept = i < out.maxScrapeEntries && c.binaryString(out.scrapeHashes, i * 20);
      if (!kept || c.value() != JsonCursor.OBJECT) {
        out.scrapeEntriesIgnored++;
        c.skipValue();
        continue;
      }
      out.scrapeCounts[3 * i] = TrackerMessage.ABSENT;
      out.scrapeCounts[3 * i + 1] = TrackerMessage.ABSENT;
      out.scrapeCounts[3 * i + 2] = TrackerMessage.ABSENT;
      for (boolean field = c.objectStart(); field; field = c.objectNext()) {
        c.fieldName();
        final int slot = c.stringIndex(COUNT_KEYS);
        if (slot >= 0) {
          out.scrapeCounts[3 * i + slot] = readCount(c);
        } else {
          c.skipValue();
        }
      }
      out.scrapeEntryCount++;
    }
  }

  private static TrackerMessageKind classify(TrackerMessage out) {
    if (out.failureReason != null) {
      return TrackerMessageKind.ERROR;
    }
    switch (out.action) {
      case ANNOUNCE -> {
        if (!out.infoHashPresent) {
          return out.invalid("announce without a valid info_hash");
        }
        if (out.offerPresent || out.answerPresent) {
          return out.peerIdPresent && out.offerIdPresent
              ? (out.offerPresent ? TrackerMessageKind.OFFER : TrackerMessageKind.ANSWER)
              : out.invalid("relay without peer_id or offer_id");
        }
        return TrackerMessageKind.ANNOUNCE_RESPONSE;
      }
      case SCRAPE -> {
        return out.filesPresent
            ? TrackerMessageKind.SCRAPE_RESPONSE
            : out.invalid("scrape response without files");
      }
      default -> {
        return out.invalid("missing or unknown action");
      }
    }
  }
}
