package org.aquaticjava.udp.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Lenient reader of the BEP 41 options that may follow the 98-byte announce.
 *
 * <pre>
 * 0x00 EndOfOptions   1 byte, stop
 * 0x01 NOP            1 byte, padding
 * 0x02 URLData        type, length (0-255), data: path and query of the tracker URL
 * 0x03+ unknown       type, length, data: skipped
 * </pre>
 *
 * Several URLData options are concatenated. Malformed options never reject the announce: an option
 * whose length byte or data runs past the end of the datagram stops parsing and marks the URLData
 * truncated, keeping whatever came before. Stateless.
 */
final class Bep41Options {
  static final int END_OF_OPTIONS = 0x00;
  static final int NOP = 0x01;
  static final int URL_DATA = 0x02;

  private Bep41Options() {}

  /** Reads options in {@code [from, to)} of {@code datagram} into {@code out}. */
  static void parse(ByteBuf datagram, int from, int to, UdpRequest out) {
    int i = from;
    while (i < to) {
      final int type = datagram.getUnsignedByte(i++);
      if (type == END_OF_OPTIONS) {
        return;
      }
      if (type == NOP) {
        continue;
      }
      if (i >= to) {
        out.markUrlDataTruncated();
        return;
      }
      final int length = datagram.getUnsignedByte(i++);
      if (length > to - i) {
        out.markUrlDataTruncated();
        return;
      }
      if (type == URL_DATA) {
        out.appendUrlData(datagram, i, length);
      }
      i += length;
    }
  }
}
