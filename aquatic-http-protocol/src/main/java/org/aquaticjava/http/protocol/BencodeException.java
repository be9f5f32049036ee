package org.aquaticjava.http.protocol;

/**
 * Bencoded input that {@link BencodeReader} refuses, or a {@link BencodeValue} lookup that finds a
 * missing key or a value of the wrong type. Checked on purpose: clients (load tester, test client)
 * must decide what a malformed tracker response means to them. Not used by the server.
 */
public final class BencodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * @param offset byte offset in the input where the problem was found, or -1 for lookups
   */
  public BencodeException(String message, int offset) {
    super(offset >= 0 ? message + " at offset " + offset : message);
    this.offset = offset;
  }

  /** Byte offset in the input where decoding stopped, or -1 if not from decoding. */
  public int offset() {
    return offset;
  }
}
