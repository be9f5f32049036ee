package org.aquaticjava.core.persist;

import static org.aquaticjava.core.persist.SnapshotFormat.MAX_PEERS_PER_RECORD;
import static org.aquaticjava.core.persist.SnapshotFormat.SEEDER_BIT;

import java.io.IOException;
import java.io.OutputStream;
import org.aquaticjava.core.swarm.InfoHash;

/**
 * Writes the {@link SnapshotFormat} record by record to any stream: the header and META
 * ({@link #begin}), torrent records each followed by exactly its announced number of peers
 * ({@link #torrent}, {@link #ipv4Peer}, {@link #ipv6Peer}), and END ({@link #finish}). Sections are
 * framed and checksummed here; a section is closed at a record boundary once it holds about 1 MiB
 * or when the family changes. Memory: one section buffer, reused. Not thread-safe.
 */
public final class SnapshotWriter {
  private final SectionBuffer section = new SectionBuffer();
  private final byte[] hashBytes = new byte[InfoHash.LENGTH];
  private OutputStream out = OutputStream.nullOutputStream();
  private long torrentRecords;
  private long peers;
  private int sectionRecords;
  private int sectionFamily;
  private int countOffset;
  private int peersDue;

  /** What one snapshot held. */
  public record Summary(long torrentRecords, long peers) {}

  /** Writes the file header and META section to {@code out}; resets the counts. */
  public void begin(SnapshotMeta meta, OutputStream stream) throws IOException {
    out = stream;
    torrentRecords = 0;
    peers = 0;
    sectionFamily = 0;
    peersDue = 0;
    out.write(SnapshotFormat.MAGIC);
    out.write(new byte[] {0, (byte) SnapshotFormat.VERSION, 0, 0});
    section.clear();
    section.putLong(meta.wallMillis());
    section.putInt(meta.clockSeconds());
    section.putInt(meta.maxPeerAgeSeconds());
    section.putInt(meta.tickSeconds());
    section.putShort(SnapshotFormat.IPV4_PEER_LENGTH);
    section.putShort(SnapshotFormat.IPV6_PEER_LENGTH);
    section.putLong(meta.connectionIdKey().k0());
    section.putLong(meta.connectionIdKey().k1());
    section.writeSection(SnapshotFormat.SECTION_META, out);
  }

  /**
   * Starts a torrent record; exactly {@code peerCount} peers of its family must follow.
   *
   * @throws IllegalArgumentException if {@code peerCount} exceeds {@link
   *     SnapshotFormat#MAX_PEERS_PER_RECORD} (split the torrent over several records)
   */
  public void torrent(boolean ipv6, InfoHash infoHash, int completed, int peerCount)
      throws IOException {
    if (peerCount < 0 || peerCount > MAX_PEERS_PER_RECORD) {
      throw new IllegalArgumentException("peers in one record: " + peerCount);
    }
    checkNoPeersDue();
    final int family = ipv6 ? 6 : 4;
    if (sectionFamily != 0 && (sectionFamily != family || section.length() >= SnapshotFormat.SECTION_TARGET)) {
      closeSection();
    }
    if (sectionFamily == 0) {
      section.putByte(family);
      countOffset = section.length();
      section.putInt(0);
      sectionRecords = 0;
      sectionFamily = family;
    }
    infoHash.writeBytes(hashBytes, 0);
    for (byte b : hashBytes) {
      section.putByte(b);
    }
    section.putInt(completed);
    section.putInt(peerCount);
    sectionRecords++;
    torrentRecords++;
    peersDue = peerCount;
  }

  /** A peer of the current IPv4 record ({@code address} in network order). */
  public void ipv4Peer(int address, int port, boolean seeder, int announceSecond) {
    peer(4);
    section.putInt(address);
    lastAnnounce(port, seeder, announceSecond);
  }

  /** A peer of the current IPv6 record (address as high and low 64 bits, big-endian). */
  public void ipv6Peer(long high, long low, int port, boolean seeder, int announceSecond) {
    peer(6);
    section.putLong(high);
    section.putLong(low);
    lastAnnounce(port, seeder, announceSecond);
  }

  private void peer(int family) {
    if (peersDue == 0 || sectionFamily != family) {
      throw new IllegalStateException("no IPv" + family + " peer due in the current record");
    }
    peersDue--;
    peers++;
  }

  private void lastAnnounce(int port, boolean seeder, int announceSecond) {
    section.putShort(port);
    section.putInt((seeder ? SEEDER_BIT : 0) | Math.max(0, announceSecond));
  }

  /** Closes the last section and writes END; does not flush or close the stream. */
  public Summary finish() throws IOException {
    checkNoPeersDue();
    closeSection();
    section.putLong(torrentRecords);
    section.putLong(peers);
    section.writeSection(SnapshotFormat.SECTION_END, out);
    return new Summary(torrentRecords, peers);
  }

  private void checkNoPeersDue() {
    if (peersDue != 0) {
      throw new IllegalStateException(peersDue + " peers of the current record are missing");
    }
  }

  private void closeSection() throws IOException {
    if (sectionFamily != 0) {
      section.setInt(countOffset, sectionRecords);
      section.writeSection(SnapshotFormat.SECTION_TORRENTS, out);
      sectionFamily = 0;
    }
  }
}
