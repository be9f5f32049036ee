package org.aquaticjava.cluster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The frame of a change batch between nodes: magic "AQC1" (i32), the sender's wall clock in ms
 * when it sent the batch (i64, for the replication lag), the change count (i32), the changes
 * ({@link ChangeBatch}), then an HMAC-SHA256 of all of it under a key derived from the cluster
 * secret. JGroups already encrypts the traffic; the MAC makes a batch from anyone without the
 * secret, or a damaged one, be rejected whole before a byte of it reaches the store.
 *
 * <p>Not thread-safe: one instance per thread that seals or opens.
 */
final class BatchSeal {
  static final int MAGIC = 0x41514331;
  static final int HEADER_BYTES = 4 + 8 + 4;
  static final int MAC_BYTES = 32;
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final Mac mac;
  private final byte[] expected = new byte[MAC_BYTES];
  private final byte[] actual = new byte[MAC_BYTES];

  BatchSeal(byte[] macKey) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** A new message holding {@code batch}, stamped with {@code wallMillis} and sealed. */
  byte[] seal(ChangeBatch batch, long wallMillis) {
    final int bodyEnd = HEADER_BYTES + batch.length();
    final byte[] message = new byte[bodyEnd + MAC_BYTES];
    INT.set(message, 0, MAGIC);
    LONG.set(message, 4, wallMillis);
    INT.set(message, 12, batch.count());
    System.arraycopy(batch.bytes(), 0, message, HEADER_BYTES, batch.length());
    mac.update(message, 0, bodyEnd);
    try {
      mac.doFinal(message, bodyEnd);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    return message;
  }

  /** Whether {@code message[offset, offset + length)} is a batch sealed with this secret. */
  boolean authentic(byte[] message, int offset, int length) {
    if (length < HEADER_BYTES + MAC_BYTES || (int) INT.get(message, offset) != MAGIC) {
      return false;
    }
    final int bodyEnd = offset + length - MAC_BYTES;
    mac.update(message, offset, bodyEnd - offset);
    try {
      mac.doFinal(expected, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    System.arraycopy(message, bodyEnd, actual, 0, MAC_BYTES);
    return MessageDigest.isEqual(expected, actual);
  }

  static long wallMillis(byte[] message, int offset) {
    return (long) LONG.get(message, offset + 4);
  }

  static int count(byte[] message, int offset) {
    return (int) INT.get(message, offset + 12);
  }
}
