package org.aquaticjava.core.persist;

/**
 * The snapshot format, version {@value #VERSION}: a file header followed by checksummed sections.
 * All integers are big-endian and unsigned unless noted. docs/architecture.md ("Warm restart")
 * shows it byte by byte.
 *
 * <pre>
 * file header, 12 bytes:
 *   0  8  magic 0x89 'A' 'Q' 'J' 'S' 'N' 'A' 'P'
 *   8  2  format version (1)
 *  10  2  flags (0; any other value is refused)
 * then sections until END:
 *   0  1  type
 *   1  4  payload length n (at most MAX_SECTION_PAYLOAD)
 *   5  n  payload
 * 5+n  4  CRC-32C of the type, length and payload bytes
 *
 * META (type 1, first): 8 wall-clock ms (Unix epoch) and 4 server-clock seconds, both read when
 *   the snapshot began; 4 max_peer_age and 4 announce tick (seconds) of the writer; 2 and 2 bytes
 *   per IPv4 and IPv6 peer record (10, 22); 16 connection-id key (k0, k1).
 * TORRENTS (type 2, any number): 1 family (4 or 6), 4 record count, then records:
 *   20 info hash, 4 completed, 4 peer count, then per peer: 4 or 16 address, 2 port,
 *   4 last announce (bit 31 seeder, bits 30-0 server-clock second).
 * END (type 255, last): 8 torrent records and 8 peers written, to cross-check.
 * </pre>
 *
 * A torrent with more than {@link #MAX_PEERS_PER_RECORD} peers is split over several records
 * with the same info hash; only the first carries its completed count. Records of one torrent may
 * lie in different sections. Readers merge records with the same hash and keep a peer given twice
 * once.
 */
public final class SnapshotFormat {
  /** The first eight bytes of every snapshot: non-ASCII first byte, then "AQJSNAP". */
  static final byte[] MAGIC = {(byte) 0x89, 'A', 'Q', 'J', 'S', 'N', 'A', 'P'};

  /** The version this code writes and the newest it reads. */
  public static final int VERSION = 1;

  static final int HEADER_LENGTH = 12;
  static final int SECTION_META = 1;
  static final int SECTION_TORRENTS = 2;
  static final int SECTION_END = 255;

  /** A reader refuses larger sections, so a damaged length cannot make it allocate gigabytes. */
  static final int MAX_SECTION_PAYLOAD = 4 << 20;

  /** A writer closes a section once its payload reaches this many bytes. */
  static final int SECTION_TARGET = 1 << 20;

  /** Peers in one torrent record at most (a record then fits a section with room to spare). */
  static final int MAX_PEERS_PER_RECORD = 32_768;

  static final int META_LENGTH = 8 + 4 + 4 + 4 + 2 + 2 + 16;
  static final int END_LENGTH = 16;
  static final int TORRENTS_HEADER_LENGTH = 5;
  static final int RECORD_HEADER_LENGTH = 20 + 4 + 4;
  static final int IPV4_PEER_LENGTH = 4 + 2 + 4;
  static final int IPV6_PEER_LENGTH = 16 + 2 + 4;
  static final int SEEDER_BIT = 1 << 31;

  private SnapshotFormat() {}
}
