package org.aquaticjava.core.persist;

import static org.aquaticjava.core.persist.SnapshotFormatException.Reason.CORRUPT;
import static org.aquaticjava.core.persist.SnapshotFormatException.Reason.FOREIGN;
import static org.aquaticjava.core.persist.SnapshotFormatException.Reason.NEWER_VERSION;
import static org.aquaticjava.core.persist.SnapshotFormatException.Reason.TRUNCATED;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.swarm.TorrentRestore;

/**
 * Reads a stream in the {@link SnapshotFormat}, one torrent record at a time, checking each
 * section's CRC-32C before anything in it is returned. Stream-based, so a snapshot file and a
 * cluster state transfer read the same way.
 *
 * <p>Every problem is a {@link SnapshotFormatException} naming the reason: a short stream is
 * {@code TRUNCATED} (also when it stops cleanly between sections), a wrong magic {@code FOREIGN}, a
 * higher version {@code NEWER_VERSION}, anything else that does not add up {@code CORRUPT}.
 * Records returned before a later section fails were checked, but the stream as a whole was not:
 * a caller that must not half-apply a snapshot applies it to a store it can still discard. Memory
 * is bounded by {@link SnapshotFormat#MAX_SECTION_PAYLOAD} whatever the input. Not thread-safe.
 */
public final class SnapshotReader {
  /**
   * Maps a peer's written announce second (on the writer's clock) to the second to restore it
   * with; a negative result drops the peer.
   */
  @FunctionalInterface
  public interface AnnounceTimeMapping {
    int map(int writtenSecond);
  }

  private final InputStream in;
  private final CRC32C crc = new CRC32C();
  private final byte[] frame = new byte[5];
  private byte[] payload = new byte[1 << 16];
  private int length;
  private int position;
  private int recordsLeftInSection;
  private int sectionFamily;
  private long torrentRecords;
  private long peers;
  private boolean ended;
  private final SnapshotMeta meta;

  private SnapshotReader(InputStream in) throws IOException {
    this.in = in;
    final byte[] header = new byte[SnapshotFormat.HEADER_LENGTH];
    final int got = in.readNBytes(header, 0, header.length);
    if (got < SnapshotFormat.MAGIC.length
        || !Arrays.equals(header, 0, SnapshotFormat.MAGIC.length, SnapshotFormat.MAGIC, 0, SnapshotFormat.MAGIC.length)) {
      throw new SnapshotFormatException(FOREIGN, "not an aquatic-java snapshot (wrong magic)");
    }
    if (got < header.length) {
      throw new SnapshotFormatException(TRUNCATED, "ends inside the file header");
    }
    final int version = (header[8] & 0xFF) << 8 | header[9] & 0xFF;
    if (version > SnapshotFormat.VERSION) {
      throw new SnapshotFormatException(
          NEWER_VERSION,
          "format version " + version + " is newer than " + SnapshotFormat.VERSION + ", the newest this tracker reads");
    }
    if (version < 1 || header[10] != 0 || header[11] != 0) {
      throw new SnapshotFormatException(CORRUPT, "format version " + version + " with flags " + (header[10] << 8 | header[11] & 0xFF));
    }
    if (nextSection() != SnapshotFormat.SECTION_META || length != SnapshotFormat.META_LENGTH) {
      throw new SnapshotFormatException(CORRUPT, "the first section is not a META section");
    }
    final long wallMillis = getLong();
    final int clockSeconds = getInt();
    final int maxPeerAge = getInt();
    final int tickSeconds = getInt();
    final int ipv4PeerLength = getShort();
    final int ipv6PeerLength = getShort();
    if (ipv4PeerLength != SnapshotFormat.IPV4_PEER_LENGTH || ipv6PeerLength != SnapshotFormat.IPV6_PEER_LENGTH
        || clockSeconds < 0 || tickSeconds < 1 || maxPeerAge < 1) {
      throw new SnapshotFormatException(CORRUPT, "META section holds impossible values");
    }
    meta = new SnapshotMeta(wallMillis, clockSeconds, maxPeerAge, tickSeconds, new ConnectionIdKey(getLong(), getLong()));
  }

  /**
   * Reads the file header and META section of {@code in}.
   *
   * @throws SnapshotFormatException if they are not those of a snapshot this code can read
   * @throws IOException if the stream cannot be read
   */
  public static SnapshotReader open(InputStream in) throws IOException {
    return new SnapshotReader(in);
  }

  public SnapshotMeta meta() {
    return meta;
  }

  /**
   * Reads the next torrent record into {@code out} (reset to the record's family and completed
   * count), with the peers that {@code time} keeps. Returns false, having checked the END section
   * and that nothing follows it, once there are no more records.
   */
  public boolean next(TorrentRestore out, AnnounceTimeMapping time) throws IOException {
    while (recordsLeftInSection == 0) {
      if (ended) {
        return false;
      }
      final int type = nextSection();
      if (type == SnapshotFormat.SECTION_END) {
        finish();
        return false;
      }
      if (type != SnapshotFormat.SECTION_TORRENTS || length < SnapshotFormat.TORRENTS_HEADER_LENGTH) {
        throw new SnapshotFormatException(CORRUPT, "unknown section type " + type);
      }
      sectionFamily = getByte();
      if (sectionFamily != 4 && sectionFamily != 6) {
        throw new SnapshotFormatException(CORRUPT, "address family " + sectionFamily);
      }
      recordsLeftInSection = getInt();
      if (recordsLeftInSection <= 0) {
        throw new SnapshotFormatException(CORRUPT, "a TORRENTS section without records");
      }
    }
    final boolean ipv6 = sectionFamily == 6;
    need(SnapshotFormat.RECORD_HEADER_LENGTH);
    out.infoHash.set(getLong(), getLong(), getInt());
    final int completed = getInt();
    final int count = getInt();
    final int peerLength = ipv6 ? SnapshotFormat.IPV6_PEER_LENGTH : SnapshotFormat.IPV4_PEER_LENGTH;
    if (completed < 0 || count < 0 || (long) count * peerLength > length - position) {
      throw new SnapshotFormatException(CORRUPT, "a torrent record does not fit its section");
    }
    out.reset(ipv6, completed);
    for (int i = 0; i < count; i++) {
      final long high = ipv6 ? getLong() : 0;
      final long low = ipv6 ? getLong() : getInt();
      final int port = getShort();
      final int announce = getInt();
      final int second = time.map(announce & ~SnapshotFormat.SEEDER_BIT);
      if (second < 0) {
        continue;
      }
      final boolean seeder = (announce & SnapshotFormat.SEEDER_BIT) != 0;
      if (ipv6) {
        out.addIpv6Peer(high, low, port, seeder, second);
      } else {
        out.addIpv4Peer((int) low, port, seeder, second);
      }
    }
    peers += count;
    torrentRecords++;
    if (--recordsLeftInSection == 0 && position != length) {
      throw new SnapshotFormatException(CORRUPT, "bytes left over after the last record of a section");
    }
    return true;
  }

  private void finish() throws IOException {
    ended = true;
    if (length != SnapshotFormat.END_LENGTH) {
      throw new SnapshotFormatException(CORRUPT, "END section of " + length + " bytes");
    }
    final long writtenRecords = getLong();
    final long writtenPeers = getLong();
    if (writtenRecords != torrentRecords || writtenPeers != peers) {
      throw new SnapshotFormatException(
          CORRUPT,
          "END section counts " + writtenRecords + " records and " + writtenPeers + " peers, read "
              + torrentRecords + " and " + peers);
    }
    if (in.read() >= 0) {
      throw new SnapshotFormatException(CORRUPT, "bytes after the END section");
    }
  }

  /** Reads and checks one whole section into {@link #payload}; returns its type. */
  private int nextSection() throws IOException {
    readFully(frame, 5, "a section header");
    final int type = frame[0] & 0xFF;
    final long declared =
        (frame[1] & 0xFFL) << 24 | (frame[2] & 0xFF) << 16 | (frame[3] & 0xFF) << 8 | frame[4] & 0xFF;
    if (declared > SnapshotFormat.MAX_SECTION_PAYLOAD) {
      throw new SnapshotFormatException(CORRUPT, "a section of " + declared + " bytes");
    }
    length = (int) declared;
    if (payload.length < length + 4) {
      payload = new byte[Math.max(length + 4, 2 * payload.length)];
    }
    readFully(payload, length + 4, "a section");
    crc.reset();
    crc.update(frame, 0, 5);
    crc.update(payload, 0, length);
    final int stored =
        (payload[length] & 0xFF) << 24
            | (payload[length + 1] & 0xFF) << 16
            | (payload[length + 2] & 0xFF) << 8
            | payload[length + 3] & 0xFF;
    if (stored != (int) crc.getValue()) {
      throw new SnapshotFormatException(CORRUPT, "checksum mismatch in a section of type " + type);
    }
    position = 0;
    return type;
  }

  private void readFully(byte[] into, int n, String what) throws IOException {
    try {
      if (in.readNBytes(into, 0, n) < n) {
        throw new EOFException();
      }
    } catch (EOFException e) {
      throw new SnapshotFormatException(TRUNCATED, "ends inside " + what + " (no END section)");
    }
  }

  private void need(int n) throws SnapshotFormatException {
    if (position + n > length) {
      throw new SnapshotFormatException(CORRUPT, "a record runs past the end of its section");
    }
  }

  private int getByte() {
    return payload[position++] & 0xFF;
  }

  private int getShort() throws SnapshotFormatException {
    need(2);
    final int v = (payload[position] & 0xFF) << 8 | payload[position + 1] & 0xFF;
    position += 2;
    return v;
  }

  private int getInt() throws SnapshotFormatException {
    need(4);
    final int v =
        (payload[position] & 0xFF) << 24
            | (payload[position + 1] & 0xFF) << 16
            | (payload[position + 2] & 0xFF) << 8
            | payload[position + 3] & 0xFF;
    position += 4;
    return v;
  }

  private long getLong() throws SnapshotFormatException {
    return (long) getInt() << 32 | getInt() & 0xFFFFFFFFL;
  }
}
