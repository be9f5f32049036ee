package org.aquaticjava.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.aquaticjava.core.connid.ConnectionIdKey;
import org.aquaticjava.core.persist.SnapshotFormatException.Reason;
import org.aquaticjava.core.swarm.InfoHash;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.swarm.TorrentRestore;
import org.junit.jupiter.api.Test;

/**
 * The reader against streams a writer would never produce: sections whose checksums are right but
 * whose contents lie (counts, lengths, families), random damage, and records that repeat torrents
 * and peers. Every bad stream is a {@link SnapshotFormatException} with the right reason, without
 * allocating what a lying length asks for.
 */
class SnapshotReaderTest {
  private static final SwarmSettings SETTINGS = new SwarmSettings(4, 1200, 120);
  private static final SnapshotMeta META =
      new SnapshotMeta(1_000, 500, 1200, 1, new ConnectionIdKey(1, 2));
  private static final InfoHash HASH = new InfoHash().set(1, 2, 3);

  private static byte[] written(Consumer<SnapshotWriter> records) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final SnapshotWriter writer = new SnapshotWriter();
    writer.begin(META, out);
    records.accept(writer);
    writer.finish();
    return out.toByteArray();
  }

  /** The header and META of a valid snapshot, then {@code sections} as given. */
  private static byte[] withSections(byte[]... sections) throws IOException {
    final byte[] valid = written(w -> {});
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(valid, 0, SnapshotFormat.HEADER_LENGTH + 5 + SnapshotFormat.META_LENGTH + 4);
    for (byte[] section : sections) {
      out.write(section);
    }
    return out.toByteArray();
  }

  private static byte[] section(int type, Consumer<SectionBuffer> payload) throws IOException {
    final SectionBuffer buffer = new SectionBuffer();
    payload.accept(buffer);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    buffer.writeSection(type, out);
    return out.toByteArray();
  }

  private static byte[] end(long records, long peers) throws IOException {
    return section(SnapshotFormat.SECTION_END, b -> {
      b.putLong(records);
      b.putLong(peers);
    });
  }

  /** Reads every record into a store; returns it. */
  private static SwarmStore read(byte[] snapshot) throws IOException {
    final SnapshotReader reader = SnapshotReader.open(new ByteArrayInputStream(snapshot));
    final SwarmStore store = new SwarmStore(SETTINGS);
    final TorrentRestore torrent = new TorrentRestore(SETTINGS);
    while (reader.next(torrent, second -> second)) {
      store.restore(torrent);
    }
    return store;
  }

  private static void assertRejected(byte[] snapshot, Reason reason) {
    assertThatThrownBy(() -> read(snapshot))
        .isInstanceOfSatisfying(
            SnapshotFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void repeatedTorrentsAndPeersAreMergedNotDoubled() throws IOException {
    final byte[] snapshot =
        written(w -> {
          try {
            w.torrent(false, HASH, 2, 2);
            w.ipv4Peer(0x0A000001, 1, true, 400);
            w.ipv4Peer(0x0A000001, 1, true, 400); // the same peer twice
            w.torrent(false, HASH, 3, 1); // the same torrent again
            w.ipv4Peer(0x0A000002, 1, false, 400);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    final ScrapeCounts counts = new ScrapeCounts();
    read(snapshot).scrape(HASH, false, counts);
    assertThat(counts.seeders).isEqualTo(1);
    assertThat(counts.leechers).isEqualTo(1);
    assertThat(counts.completed).isEqualTo(5);
  }

  @Test
  void sectionsWithRightChecksumsButLyingContentsAreCorrupt() throws IOException {
    // A record count far beyond what the section holds.
    assertRejected(
        withSections(section(SnapshotFormat.SECTION_TORRENTS, b -> {
          b.putByte(4);
          b.putInt(Integer.MAX_VALUE);
        }), end(0, 0)),
        Reason.CORRUPT);
    // A peer count far beyond what the section holds (must not allocate for it).
    assertRejected(
        withSections(section(SnapshotFormat.SECTION_TORRENTS, b -> {
          b.putByte(6);
          b.putInt(1);
          b.putLong(1);
          b.putLong(2);
          b.putInt(3);
          b.putInt(0);
          b.putInt(Integer.MAX_VALUE);
        }), end(1, 0)),
        Reason.CORRUPT);
    // An address family that does not exist.
    assertRejected(
        withSections(section(SnapshotFormat.SECTION_TORRENTS, b -> {
          b.putByte(5);
          b.putInt(1);
        }), end(0, 0)),
        Reason.CORRUPT);
    // An unknown section type.
    assertRejected(withSections(section(7, b -> {}), end(0, 0)), Reason.CORRUPT);
    // END counts that do not match what was read.
    assertRejected(withSections(end(3, 0)), Reason.CORRUPT);
    // No END at all.
    assertRejected(withSections(), Reason.TRUNCATED);
  }

  @Test
  void aLengthAboveTheSectionLimitIsRefusedBeforeReadingIt() throws IOException {
    final byte[] header = withSections();
    final byte[] snapshot = java.util.Arrays.copyOf(header, header.length + 5);
    snapshot[header.length] = SnapshotFormat.SECTION_TORRENTS;
    snapshot[header.length + 1] = (byte) 0x7F; // about 2 GiB
    assertRejected(snapshot, Reason.CORRUPT);
  }

  @Test
  void randomDamageIsAlwaysAFormatException() throws IOException {
    final byte[] good =
        written(w -> {
          try {
            for (int t = 0; t < 50; t++) {
              w.torrent(t % 2 == 0, new InfoHash().set(t, t, t), t, 3);
              for (int p = 0; p < 3; p++) {
                if (t % 2 == 0) {
                  w.ipv6Peer(t, p, 6881, p == 0, 450);
                } else {
                  w.ipv4Peer(t << 8 | p, 6881, p == 0, 450);
                }
              }
            }
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    read(good); // the undamaged stream reads
    final SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      final byte[] damaged = good.clone();
      final int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
      }
      final byte[] cut = random.nextInt(4) == 0
          ? java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length))
          : damaged;
      assertThatThrownBy(() -> read(cut)).isInstanceOf(SnapshotFormatException.class);
    }
  }
}
