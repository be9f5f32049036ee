package org.aquaticjava.core.config;

import java.io.IOException;
import java.io.Reader;

/**
 * Hands text to night-config's TOML parser one character at a time and remembers the line of the
 * last character read, so a syntax error (whose message has no position) can be given a line
 * number. night-config reads its input with {@link Reader#read()}, which is what makes this exact
 * to within the parser's one-character look-ahead. Single-threaded.
 */
final class LineCountingReader extends Reader {
  private final String text;
  private int position;
  private int line = 1;
  private int lineOfLastChar = 1;

  LineCountingReader(String text) {
    this.text = text;
  }

  @Override
  public int read() {
    if (position == text.length()) {
      return -1;
    }
    char c = text.charAt(position++);
    lineOfLastChar = line;
    if (c == '\n') {
      line++;
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    int count = 0;
    while (count < length) {
      int c = read();
      if (c < 0) {
        break;
      }
      buffer[offset + count++] = (char) c;
    }
    return count == 0 ? -1 : count;
  }

  /** The 1-based line of the last character handed out. */
  int line() {
    return lineOfLastChar;
  }

  @Override
  public void close() throws IOException {}
}
