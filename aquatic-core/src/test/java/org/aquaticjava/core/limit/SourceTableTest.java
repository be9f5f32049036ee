package org.aquaticjava.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceTableTest {
  @Test
  void roundsCapacityUpToWholeSetsOfAPowerOfTwo() {
    assertThat(new SourceTable(1).capacity()).isEqualTo(SourceTable.WAYS);
    assertThat(new SourceTable(16_384).capacity()).isEqualTo(16_384);
    assertThat(new SourceTable(16_385).capacity()).isEqualTo(32_768);
  }

  @Test
  void findsAClaimedKeyAgain() {
    final SourceTable table = new SourceTable(64);
    final int slot = table.claim(42);
    assertThat(slot).isNegative();
    assertThat(table.claim(42)).isEqualTo(~slot);
    assertThat(table.find(42)).isEqualTo(~slot);
    assertThat(table.find(43)).isEqualTo(-1);
  }

  @Test
  void evictsTheLowestRankedEntryOfAFullSet() {
    final SourceTable table = new SourceTable(SourceTable.WAYS); // one set: every key meets
    for (long key = 1; key <= SourceTable.WAYS; key++) {
      table.ranks[~table.claim(key)] = key == 3 ? -100 : key * 10;
    }
    final int slot = table.claim(99);
    assertThat(slot).isNegative();
    assertThat(table.find(3)).isEqualTo(-1);
    assertThat(table.find(99)).isEqualTo(~slot);
    assertThat(table.evictions()).isOne();
  }

  @Test
  void staysAtItsCapacityUnderAFloodOfKeys() {
    final SourceTable table = new SourceTable(1024);
    final SourceKeys keys = new SourceKeys(32, 64, 7);
    for (int address = 0; address < 1_000_000; address++) {
      final int slot = table.claim(keys.ipv4(address));
      if (slot < 0) {
        table.ranks[~slot] = address;
      }
    }
    assertThat(table.occupied()).isEqualTo(1024);
    assertThat(table.capacity()).isEqualTo(1024);
  }
}
