package org.aquaticjava.core.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.aquaticjava.core.config.AccessListMode;

/**
 * Parses an access list file: one info hash per line as 40 hex digits in either case;
 * surrounding whitespace is trimmed; blank lines and lines starting with {@code #} are skipped, and
 * a UTF-8 byte-order mark at the start of the file is ignored.
 * Any other line fails the whole load, so a truncated or mistyped file never silently narrows or
 * widens the list.
 *
 * <p>Bytes are decoded as ISO-8859-1 so that no byte sequence can fail decoding; any non-hex byte
 * then fails its line with a readable message. Stateless and thread-safe.
 */
public final class AccessListLoader {
  /** Longest prefix of a bad line quoted in an error message. */
  static final int QUOTED_PREFIX = 60;

  private static final int HASH_HEX_DIGITS = 40;
  /** The UTF-8 byte-order mark EF BB BF as decoded by ISO-8859-1; ignored at the file's start. */
  private static final String UTF8_BOM = "\u00ef\u00bb\u00bf";

  private AccessListLoader() {}

  /**
   * Reads and parses {@code file} into a list in {@code mode}.
   *
   * @throws AccessListException naming {@code file:line} and the bad content, or the I/O failure
   */
  public static AccessList load(Path file, AccessListMode mode) throws AccessListException {
    long[] a = new long[1024];
    long[] b = new long[1024];
    int[] c = new int[1024];
    int count = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      int lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith(UTF8_BOM)) {
          line = line.substring(UTF8_BOM.length()); // some editors start UTF-8 files with one
        }
        final String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
          continue;
        }
        if (!isHash(trimmed)) {
          throw new AccessListException(
              file
                  + ":"
                  + lineNumber
                  + ": expected a 40-character hex info hash, found \""
                  + quote(trimmed)
                  + "\"");
        }
        if (count == a.length) {
          a = Arrays.copyOf(a, count * 2);
          b = Arrays.copyOf(b, count * 2);
          c = Arrays.copyOf(c, count * 2);
        }
        a[count] = Long.parseUnsignedLong(trimmed, 0, 16, 16);
        b[count] = Long.parseUnsignedLong(trimmed, 16, 32, 16);
        c[count] = Integer.parseUnsignedInt(trimmed, 32, 40, 16);
        count++;
      }
    } catch (IOException e) {
      throw new AccessListException(file + ": cannot read access list: " + e, e);
    }
    return AccessList.of(
        mode, Arrays.copyOf(a, count), Arrays.copyOf(b, count), Arrays.copyOf(c, count));
  }

  private static boolean isHash(String s) {
    if (s.length() != HASH_HEX_DIGITS) {
      return false;
    }
    for (int i = 0; i < HASH_HEX_DIGITS; i++) {
      final char ch = s.charAt(i);
      final char lower = (char) (ch | 0x20);
      if (!((ch >= '0' && ch <= '9') || (lower >= 'a' && lower <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Printable ASCII as is, everything else as {@code \xNN}; at most {@value #QUOTED_PREFIX} chars. */
  static String quote(String s) {
    final StringBuilder out = new StringBuilder();
    final int end = Math.min(s.length(), QUOTED_PREFIX);
    for (int i = 0; i < end; i++) {
      final char ch = s.charAt(i);
      if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
        out.append(ch);
      } else {
        out.append(String.format("\\x%02x", (int) ch));
      }
    }
    if (s.length() > QUOTED_PREFIX) {
      out.append("... (").append(s.length()).append(" characters)");
    }
    return out.toString();
  }
}
