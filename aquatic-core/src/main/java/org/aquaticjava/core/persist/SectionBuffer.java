package org.aquaticjava.core.persist;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** The payload of one section being written, big-endian, and its framing with CRC-32C. */
final class SectionBuffer {
  private byte[] bytes = new byte[SnapshotFormat.SECTION_TARGET + (1 << 16)];
  private int length;
  private final byte[] frame = new byte[5];
  private final CRC32C crc = new CRC32C();

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  void putByte(int v) {
    ensure(1);
    bytes[length++] = (byte) v;
  }

  void putShort(int v) {
    ensure(2);
    bytes[length++] = (byte) (v >>> 8);
    bytes[length++] = (byte) v;
  }

  void putInt(int v) {
    ensure(4);
    setInt(length, v);
    length += 4;
  }

  void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  /** Overwrites the int at {@code offset} (a count written before it was known). */
  void setInt(int offset, int v) {
    bytes[offset] = (byte) (v >>> 24);
    bytes[offset + 1] = (byte) (v >>> 16);
    bytes[offset + 2] = (byte) (v >>> 8);
    bytes[offset + 3] = (byte) v;
  }

  private void ensure(int n) {
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
  }

  /** Writes type, length, payload and CRC-32C to {@code out} and empties the buffer. */
  void writeSection(int type, OutputStream out) throws IOException {
    frame[0] = (byte) type;
    frame[1] = (byte) (length >>> 24);
    frame[2] = (byte) (length >>> 16);
    frame[3] = (byte) (length >>> 8);
    frame[4] = (byte) length;
    crc.reset();
    crc.update(frame, 0, 5);
    crc.update(bytes, 0, length);
    final int sum = (int) crc.getValue();
    out.write(frame, 0, 5);
    out.write(bytes, 0, length);
    out.write(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
    length = 0;
  }
}
