package org.aquaticjava.loadtest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightTableTest {
  @Test
  void transactionIdFindsItsSlotAndRequest() {
    final InFlightTable table = new InFlightTable(4);
    final int id = table.acquire(RequestKind.ANNOUNCE, 77, 50, 1_000, 2_000);
    final int slot = table.find(id);
    assertThat(slot).isNotNegative();
    assertThat(table.kind(slot)).isEqualTo(RequestKind.ANNOUNCE);
    assertThat(table.peer(slot)).isEqualTo(77);
    assertThat(table.expectedCount(slot)).isEqualTo(50);
    assertThat(table.latencyStartNanos(slot)).isEqualTo(1_000);
    assertThat(table.inFlight()).isEqualTo(1);
  }

  @Test
  void replyToAnEarlierUseOfTheSlotDoesNotMatch() {
    final InFlightTable table = new InFlightTable(1);
    final int first = table.acquire(RequestKind.SCRAPE, -1, 3, 0, 0);
    table.release(table.find(first));
    final int second = table.acquire(RequestKind.SCRAPE, -1, 3, 0, 0);
    assertThat(second).isNotEqualTo(first);
    assertThat(table.find(first)).isEqualTo(-1);
    assertThat(table.find(second)).isZero();
  }

  @Test
  void unknownAndReleasedIdsDoNotMatch() {
    final InFlightTable table = new InFlightTable(2);
    assertThat(table.find(0)).isEqualTo(-1);
    assertThat(table.find(0x0001_0005)).isEqualTo(-1);
    final int id = table.acquire(RequestKind.CONNECT, -1, 0, 0, 0);
    table.release(table.find(id));
    assertThat(table.find(id)).isEqualTo(-1);
    assertThat(table.hasFreeSlot()).isTrue();
  }

  @Test
  void fillsUpAndExpiresOnlyOverdueRequests() {
    final InFlightTable table = new InFlightTable(3);
    table.acquire(RequestKind.CONNECT, -1, 0, 0, 100);
    table.acquire(RequestKind.ANNOUNCE, 1, 50, 0, 200);
    final int young = table.acquire(RequestKind.SCRAPE, -1, 2, 0, 300);
    assertThat(table.hasFreeSlot()).isFalse();
    final List<Byte> expired = new ArrayList<>();
    assertThat(table.expire(250, expired::add)).isEqualTo(2);
    assertThat(expired).containsExactlyInAnyOrder(RequestKind.CONNECT, RequestKind.ANNOUNCE);
    assertThat(table.find(young)).isNotNegative();
    assertThat(table.inFlight()).isEqualTo(1);
  }
}
