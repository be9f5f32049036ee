package org.aquaticjava.loadtest.ws;

import org.aquaticjava.loadtest.PeerPool;

/**
 * The ids the load tester puts on the wire and how it recognises them in relayed messages. Peer ids
 * are {@link PeerPool#writePeerId}'s (a fixed prefix and the peer index in 12 digits). An offer id
 * is the offering peer's index in 12 digits followed by an 8-digit per-peer offer counter, so a
 * relayed offer or answer can be checked against the peer that must have made the offer.
 *
 * <p>Stateless and thread-safe; allocation-free.
 */
final class WsIds {
  static final int ID_LENGTH = PeerPool.PEER_ID_LENGTH;
  private static final int INDEX_DIGITS = 12;
  private static final int COUNTER_DIGITS = ID_LENGTH - INDEX_DIGITS;
  private static final byte[] PEER_ID_PREFIX = new byte[ID_LENGTH - INDEX_DIGITS];

  static {
    final byte[] sample = new byte[ID_LENGTH];
    PeerPool.writePeerId(0, sample, 0);
    System.arraycopy(sample, 0, PEER_ID_PREFIX, 0, PEER_ID_PREFIX.length);
  }

  private WsIds() {}

  /** The peer index in a load-tester peer id, or -1 if {@code id} is not one. */
  static long peerIndexOf(byte[] id) {
    for (int i = 0; i < PEER_ID_PREFIX.length; i++) {
      if (id[i] != PEER_ID_PREFIX[i]) {
        return -1;
      }
    }
    return digits(id, PEER_ID_PREFIX.length, INDEX_DIGITS);
  }

  /** Writes the id of offer {@code counter} (taken modulo 10^8) of peer {@code peer}. */
  static void writeOfferId(int peer, long counter, byte[] destination) {
    writeDigits(peer, destination, 0, INDEX_DIGITS);
    writeDigits(Math.floorMod(counter, 100_000_000L), destination, INDEX_DIGITS, COUNTER_DIGITS);
  }

  /** The offering peer's index in an offer id, or -1 if {@code id} is not a load-tester offer id. */
  static long offererOf(byte[] offerId) {
    final long offerer = digits(offerId, 0, INDEX_DIGITS);
    return offerer >= 0 && digits(offerId, INDEX_DIGITS, COUNTER_DIGITS) >= 0 ? offerer : -1;
  }

  private static void writeDigits(long value, byte[] destination, int offset, int count) {
    long rest = value;
    for (int i = offset + count - 1; i >= offset; i--) {
      destination[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
  }

  private static long digits(byte[] id, int offset, int count) {
    long value = 0;
    for (int i = offset; i < offset + count; i++) {
      final int digit = id[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
