package org.aquaticjava.netty.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little DER (X.690) needed to turn PKCS#1 and SEC1 private keys into PKCS#8: reading one
 * tag-length-value at a time with bounds checks, and writing definite-length TLVs. Input comes from
 * operators' files, so every read checks its bounds and reports a {@link TlsCredentialsException}
 * instead of throwing anything else.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  /** {@code [0]} constructed, context-specific: SEC1's curve parameters. */
  static final int CONTEXT_0 = 0xA0;

  private Der() {}

  /**
   * One TLV inside a byte array.
   *
   * @param tag the identifier octet (single-byte tags only, all that keys use)
   * @param valueOffset index of the first value byte
   * @param valueLength number of value bytes
   */
  record Tlv(int tag, int valueOffset, int valueLength) {
    int end() {
      return valueOffset + valueLength;
    }

    byte[] value(byte[] data) {
      return Arrays.copyOfRange(data, valueOffset, end());
    }
  }

  /** The TLV starting at {@code offset}, which must end at or before {@code limit}. */
  static Tlv read(byte[] data, int offset, int limit) throws TlsCredentialsException {
    if (offset + 2 > limit) {
      throw malformed("truncated");
    }
    final int tag = data[offset] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw malformed("multi-byte tag");
    }
    int first = data[offset + 1] & 0xFF;
    int position = offset + 2;
    final long length;
    if (first < 0x80) {
      length = first;
    } else {
      final int octets = first & 0x7F;
      if (octets == 0 || octets > 4 || position + octets > limit) {
        throw malformed("bad length");
      }
      long value = 0;
      for (int i = 0; i < octets; i++) {
        value = (value << 8) | (data[position++] & 0xFF);
      }
      length = value;
    }
    if (length > limit - position) {
      throw malformed("length beyond the end");
    }
    return new Tlv(tag, position, (int) length);
  }

  /** The TLV at {@code offset}, which must have tag {@code expected}. */
  static Tlv expect(byte[] data, int offset, int limit, int expected, String what)
      throws TlsCredentialsException {
    final Tlv tlv = read(data, offset, limit);
    if (tlv.tag() != expected) {
      throw malformed(what + " expected, found tag 0x" + Integer.toHexString(tlv.tag()));
    }
    return tlv;
  }

  /** A TLV with a definite length. */
  static byte[] encode(int tag, byte[] value) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    final int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      final int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** A SEQUENCE of already encoded elements. */
  static byte[] sequence(byte[]... elements) {
    final ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] element : elements) {
      content.writeBytes(element);
    }
    return encode(SEQUENCE, content.toByteArray());
  }

  private static TlsCredentialsException malformed(String why) {
    return new TlsCredentialsException("malformed DER: " + why);
  }
}
