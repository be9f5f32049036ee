package org.aquaticjava.core.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds integer literals in TOML text that do not fit in 64 bits. night-config 3.8 parses them
 * without complaint and silently wraps them around ({@code 99999999999999999999999} becomes
 * {@code 200376420520689663}), which could turn a typo into a plausible in-range value, so the
 * loader rejects such files before reading any value. Skips comments and all four string forms.
 */
final class IntegerOverflowScanner {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9][0-9_]*");
  private static final Pattern PREFIXED = Pattern.compile("0(x[0-9A-Fa-f_]+|o[0-7_]+|b[01_]+)");
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final String text;
  private final List<String> problems = new ArrayList<>();
  private int position;
  private int line = 1;

  private IntegerOverflowScanner(String text) {
    this.text = text;
  }

  /** One "line N: ..." problem per integer literal beyond the range of a long. */
  static List<String> scan(String text) {
    IntegerOverflowScanner scanner = new IntegerOverflowScanner(text);
    scanner.run();
    return scanner.problems;
  }

  private void run() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == '#') {
        skipUntil("\n", false);
      } else if (text.startsWith("\"\"\"", position)) {
        position += 3;
        skipUntil("\"\"\"", true);
      } else if (text.startsWith("'''", position)) {
        position += 3;
        skipUntil("'''", false);
      } else if (c == '"') {
        position++;
        skipUntil("\"", true);
      } else if (c == '\'') {
        position++;
        skipUntil("'", false);
      } else if (isTokenChar(c)) {
        checkToken();
      } else {
        advance();
      }
    }
  }

  private void checkToken() {
    int start = position;
    while (position < text.length() && isTokenChar(text.charAt(position))) {
      position++;
    }
    String token = text.substring(start, position);
    if (isKey()) {
      return;
    }
    BigInteger value = null;
    if (DECIMAL.matcher(token).matches()) {
      value = new BigInteger(token.replace("_", ""));
    } else if (PREFIXED.matcher(token).matches()) {
      int radix =
          switch (token.charAt(1)) {
            case 'x' -> 16;
            case 'o' -> 8;
            default -> 2;
          };
      value = new BigInteger(token.substring(2).replace("_", ""), radix);
    }
    if (value != null && (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0)) {
      problems.add("line " + line + ": integer " + token + " does not fit in 64 bits");
    }
  }

  /**
   * Whether the token just read is a key: the next non-blank character is '='. (A table header of
   * more than 19 digits is reported as an integer; it is not a key of any config either way.)
   */
  private boolean isKey() {
    for (int i = position; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return c == '=';
      }
    }
    return false;
  }

  /** Moves past the next {@code end} (or to the end of text), honouring backslash escapes. */
  private void skipUntil(String end, boolean escapes) {
    while (position < text.length()) {
      if (escapes && text.charAt(position) == '\\') {
        advance();
        if (position < text.length()) {
          advance();
        }
      } else if (text.startsWith(end, position)) {
        for (int i = 0; i < end.length(); i++) {
          advance();
        }
        return;
      } else {
        advance();
      }
    }
  }

  private void advance() {
    if (text.charAt(position++) == '\n') {
      line++;
    }
  }

  private static boolean isTokenChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || c == '-'
        || c == '+'
        || c == '.'
        || c == ':';
  }
}
