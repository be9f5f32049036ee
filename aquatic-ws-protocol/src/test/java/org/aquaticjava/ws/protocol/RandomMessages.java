package org.aquaticjava.ws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random WebTorrent messages for the oracle tests: client and tracker shapes with keys in
 * random order, unknown keys of any shape, every key and string in random escaping, whitespace
 * wherever JSON allows it, and values that are right, nearly right (19 or 21 chars, a char above
 * U+00FF, a lone or paired surrogate, a number where a string belongs) or broken (bad escapes,
 * raw control characters, leading zeros, deep nesting). {@link #mutate} then breaks some at the
 * byte level: truncation, flipped or inserted bytes, invalid UTF-8.
 */
final class RandomMessages {
  private static final String[] CLIENT_KEYS = {"action", "info_hash", "peer_id", "event", "left",
      "numwant", "offers", "answer", "to_peer_id", "offer_id", "uploaded", "downloaded", "x"};
  private static final String[] TRACKER_KEYS = {"action", "info_hash", "peer_id", "offer_id", "offer",
      "answer", "complete", "incomplete", "interval", "failure reason", "warning message", "files"};
  private static final String[] WORDS = {"announce", "scrape", "started", "stopped", "completed", "update",
      "", "paused", "offer", "answer", "sdp", "type", "v=0"};

  private final SplittableRandom random;

  RandomMessages(long seed) {
    random = new SplittableRandom(seed);
  }

  /** A client message (announce, answer or scrape), as JSON text. */
  String clientMessage() {
    final List<String> fields = new ArrayList<>();
    final boolean scrape = random.nextInt(4) == 0;
    field(fields, "action", random.nextInt(12) == 0 ? anyValue(2) : str(scrape ? "scrape" : "announce"));
    if (scrape) {
      field(fields, "info_hash", switch (random.nextInt(4)) {
        case 0 -> "null";
        case 1 -> binaryValue();
        default -> hashList();
      });
    } else {
      field(fields, "info_hash", binaryValue());
      field(fields, "peer_id", binaryValue());
      maybe(fields, "event", random.nextInt(6) == 0 ? anyValue(1) : str(pick(WORDS)));
      maybe(fields, "left", numberValue());
      maybe(fields, "numwant", numberValue());
      if (random.nextBoolean()) {
        field(fields, "offers", random.nextInt(10) == 0 ? anyValue(2) : offers());
      } else if (random.nextBoolean()) {
        field(fields, "answer", random.nextInt(10) == 0 ? anyValue(2) : sdpHolder("answer"));
        maybe(fields, "to_peer_id", binaryValue());
        maybe(fields, "offer_id", binaryValue());
      }
    }
    for (int n = random.nextInt(3); n > 0; n--) {
      field(fields, pick(CLIENT_KEYS), anyValue(3)); // unknown keys, and duplicates of known ones
    }
    return object(fields);
  }

  /** A tracker message (announce response, relay, scrape response, error), as JSON text. */
  String trackerMessage() {
    final List<String> fields = new ArrayList<>();
    field(fields, "action", str(random.nextBoolean() ? "announce" : "scrape"));
    maybe(fields, "info_hash", binaryValue());
    maybe(fields, "peer_id", binaryValue());
    maybe(fields, "offer_id", binaryValue());
    if (random.nextBoolean()) {
      field(fields, random.nextBoolean() ? "offer" : "answer", sdpHolder("offer"));
    }
    maybe(fields, "complete", numberValue());
    maybe(fields, "incomplete", numberValue());
    maybe(fields, "interval", numberValue());
    if (random.nextInt(4) == 0) {
      field(fields, random.nextBoolean() ? "failure reason" : "warning message",
          random.nextInt(5) == 0 ? anyValue(1) : stringValue());
    }
    if (random.nextInt(3) == 0) {
      final List<String> files = new ArrayList<>();
      for (int n = random.nextInt(4); n > 0; n--) {
        final List<String> counts = new ArrayList<>();
        maybe(counts, "complete", numberValue());
        maybe(counts, "incomplete", numberValue());
        maybe(counts, "downloaded", numberValue());
        field(files, binaryContent(), random.nextInt(8) == 0 ? anyValue(1) : object(counts));
      }
      field(fields, "files", object(files));
    }
    for (int n = random.nextInt(3); n > 0; n--) {
      field(fields, pick(TRACKER_KEYS), anyValue(3));
    }
    return object(fields);
  }

  /** The UTF-8 of {@code json}, often damaged at the byte level. */
  byte[] mutate(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    switch (random.nextInt(12)) {
      case 0 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // truncated
      case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      case 2 -> bytes[random.nextInt(bytes.length)] = (byte) " \"\\{}[],:0u\n\t"
          .charAt(random.nextInt(13));
      case 3 -> bytes = insert(bytes, pickBytes());
      default -> { } // intact
    }
    return bytes;
  }

  private byte[] insert(byte[] bytes, byte[] extra) {
    final int at = random.nextInt(bytes.length + 1);
    final byte[] out = new byte[bytes.length + extra.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
    return out;
  }

  /** Byte runs that stress UTF-8 decoding: valid, overlong, surrogate, truncated, stray. */
  private byte[] pickBytes() {
    final int[][] runs = {{0xC3, 0xA9}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xED, 0xA0, 0x80},
        {0xF0, 0x9F, 0x98, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0x80}, {0xC3},
        {0xFF}, {0xE2, 0x82}, {0x00}, {0x7F}, {0x1F}};
    final int[] run = runs[random.nextInt(runs.length)];
    final byte[] out = new byte[run.length];
    for (int i = 0; i < run.length; i++) {
      out[i] = (byte) run[i];
    }
    return out;
  }

  private void field(List<String> fields, String key, String value) {
    fields.add(ws() + keyLiteral(key) + ws() + ":" + ws() + value + ws());
  }

  private void maybe(List<String> fields, String key, String value) {
    if (random.nextInt(5) != 0) {
      field(fields, key, value);
    }
  }

  private String object(List<String> fields) {
    Collections.shuffle(fields, new java.util.Random(random.nextLong()));
    return ws() + "{" + String.join(",", fields) + (fields.isEmpty() ? ws() : "") + "}" + ws();
  }

  /** A key, sometimes with some of its chars escaped. */
  private String keyLiteral(String key) {
    return random.nextInt(8) == 0 ? quote(key, true) : "\"" + key + "\"";
  }

  private String offers() {
    final List<String> entries = new ArrayList<>();
    for (int n = random.nextInt(5); n > 0; n--) {
      if (random.nextInt(8) == 0) {
        entries.add(anyValue(2));
        continue;
      }
      final List<String> fields = new ArrayList<>();
      maybe(fields, "offer", random.nextInt(8) == 0 ? anyValue(1) : sdpHolder("offer"));
      maybe(fields, "offer_id", binaryValue());
      if (random.nextInt(4) == 0) {
        field(fields, pick(WORDS), anyValue(2));
      }
      entries.add(object(fields));
    }
    return "[" + ws() + String.join("," + ws(), entries) + ws() + "]";
  }

  private String hashList() {
    final List<String> hashes = new ArrayList<>();
    for (int n = random.nextInt(6); n > 0; n--) {
      hashes.add(random.nextInt(10) == 0 ? anyValue(1) : binaryValue());
    }
    return "[" + String.join(",", hashes) + "]";
  }

  private String sdpHolder(String type) {
    final List<String> fields = new ArrayList<>();
    maybe(fields, "type", str(type));
    field(fields, "sdp", random.nextInt(10) == 0 ? anyValue(1) : sdpValue());
    return object(fields);
  }

  /** An SDP-like string literal: CRLF lines, sometimes unicode, escapes of every kind. */
  private String sdpValue() {
    final StringBuilder sdp = new StringBuilder("v=0\r\no=- ").append(random.nextLong()).append(" 2 IN IP4 127.0.0.1\r\n");
    for (int n = random.nextInt(18); n > 0; n--) {
      sdp.append("a=").append(text(random.nextInt(40))).append("\r\n");
    }
    return quote(sdp.toString(), false);
  }

  private String stringValue() {
    return quote(text(random.nextInt(30)), false);
  }

  /** Random text: mostly ASCII, some Latin-1, BMP, astral chars and lone surrogates. */
  private String text(int length) {
    final StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(20)) {
        case 0 -> s.append((char) random.nextInt(0x80, 0x100));
        case 1 -> s.append((char) random.nextInt(0x100, 0xD800));
        case 2 -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
        case 3 -> s.append((char) random.nextInt(0, 0x20));
        case 4 -> s.append("\"\\/".charAt(random.nextInt(3)));
        default -> s.append((char) random.nextInt(0x20, 0x7F));
      }
    }
    return s.toString();
  }

  /** A binary-string value: usually 20 chars U+0000-U+00FF, sometimes not quite. */
  private String binaryValue() {
    return switch (random.nextInt(30)) {
      case 0 -> anyValue(1);
      case 1 -> "\"\\uD83D\\uDE00" + "a".repeat(18) + "\""; // a surrogate pair: 20 chars, two above U+00FF
      case 2 -> "\"" + "\ud83d\ude00" + "a".repeat(18) + "\"";
      case 3 -> "\"\\uDC00" + "a".repeat(19) + "\""; // a lone surrogate
      case 4 -> "\"\u0100" + "a".repeat(19) + "\"";
      default -> binaryContent();
    };
  }

  /** A quoted binary string of 19 to 21 (mostly 20) chars U+0000-U+00FF in random escaping. */
  private String binaryContent() {
    final int n = random.nextInt(10) == 0 ? random.nextInt(19, 22) : 20;
    final StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) (random.nextBoolean() ? random.nextInt(0x20, 0x7F) : random.nextInt(0x100)));
    }
    return quote(s.toString(), false);
  }

  /**
   * {@code s} as a JSON string literal: each char raw (if JSON allows it), short-escaped or
   * {@code \}{@code uXXXX} in either case; with {@code escapeMore}, escapes are likelier. Rarely a
   * deliberate mistake: a raw control char, a bad escape letter, a short hex escape.
   */
  private String quote(String s, boolean escapeMore) {
    final StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      final int roll = random.nextInt(escapeMore ? 3 : 12);
      if (random.nextInt(5000) == 0) {
        out.append(switch (random.nextInt(4)) {
          case 0 -> "\t";
          case 1 -> "\\x";
          case 2 -> "\\u12";
          default -> "\\U0041";
        });
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
          && roll != 0) {
        out.append(c).append(s.charAt(++i)); // an astral char, raw (four UTF-8 bytes)
      } else if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
        out.append(escape(c));
      } else if (roll == 0) {
        out.append(escape(c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private String escape(char c) {
    final String shortForm = switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '/' -> "\\/";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> null;
    };
    if (shortForm != null && random.nextBoolean()) {
      return shortForm;
    }
    final String hex = String.format("\\u%04x", (int) c);
    return random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT).replace("\\U", "\\u");
  }

  private String numberValue() {
    return switch (random.nextInt(40)) {
      case 0 -> "-" + random.nextInt(1000);
      case 1 -> random.nextInt(100) + "." + random.nextInt(100);
      case 2 -> random.nextInt(10) + (random.nextBoolean() ? "e" : "E") + (random.nextBoolean() ? "-" : "+") + random.nextInt(400);
      case 3 -> "1" + "0".repeat(random.nextInt(8, 25)); // around int, long and beyond
      case 4 -> "-" + "9".repeat(random.nextInt(9, 21));
      case 5 -> String.valueOf(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
      case 6 -> random.nextBoolean() ? "9223372036854775808" : "-9223372036854775809";
      case 7 -> String.valueOf(random.nextBoolean() ? Integer.MAX_VALUE + 1L : Integer.MIN_VALUE);
      case 8 -> "0" + random.nextInt(10); // leading zero
      case 9 -> random.nextBoolean() ? "-0" : "-";
      case 10 -> "9".repeat(random.nextInt(95, 106)); // around the number length limit
      case 11 -> "1." + "5".repeat(random.nextInt(95, 102));
      case 12 -> str(String.valueOf(random.nextInt(100)));
      case 13 -> anyValue(1);
      default -> String.valueOf(random.nextLong(0, 1L << 40));
    };
  }

  private String str(String s) {
    return quote(s, random.nextInt(10) == 0);
  }

  /** Any JSON value at most {@code depth} deep, now and then a deep or broken one. */
  private String anyValue(int depth) {
    final int roll = random.nextInt(depth > 0 ? 12 : 7);
    return switch (roll) {
      case 0 -> "null";
      case 1 -> random.nextBoolean() ? "true" : "false";
      case 2 -> numberValue();
      case 3 -> stringValue();
      case 4 -> random.nextInt(40) == 0 ? "[".repeat(random.nextInt(10, 20)) + "]".repeat(random.nextInt(10, 20)) : "[]";
      case 5 -> random.nextInt(60) == 0 ? pick(new String[] {"nul", "truex", "tru", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\"}"}) : "{}";
      case 6 -> binaryValue();
      case 7, 8 -> {
        final List<String> items = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          items.add(ws() + anyValue(depth - 1) + ws());
        }
        yield "[" + String.join(",", items) + "]";
      }
      default -> {
        final List<String> fields = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          field(fields, random.nextBoolean() ? pick(WORDS) : text(random.nextInt(6)).replace("\\", "").replace("\"", ""),
              anyValue(depth - 1));
        }
        yield object(fields);
      }
    };
  }

  private String ws() {
    if (random.nextInt(4) != 0) {
      return "";
    }
    final StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(1, 4); n > 0; n--) {
      s.append(" \t\r\n".charAt(random.nextInt(4)));
    }
    return s.toString();
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
