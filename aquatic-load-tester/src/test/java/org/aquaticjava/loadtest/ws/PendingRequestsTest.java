package org.aquaticjava.loadtest.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingRequestsTest {
  @Test
  void oldestFirstAcrossTheRingBoundary() {
    final PendingRequests pending = new PendingRequests(2);
    pending.add(PendingRequests.ANNOUNCE, 10, 15, 1);
    pending.add(PendingRequests.SCRAPE, 20, 25, 7);
    assertThat(pending.isFull()).isTrue();
    pending.removeOldest();
    pending.add(PendingRequests.ANNOUNCE, 30, 35, 1);
    assertThat(pending.oldestKind()).isEqualTo(PendingRequests.SCRAPE);
    assertThat(pending.oldestStart()).isEqualTo(20);
    assertThat(pending.oldestSent()).as("sent 5 ns behind its schedule").isEqualTo(25);
    assertThat(pending.oldestTorrentCount()).isEqualTo(7);
    pending.removeOldest();
    assertThat(pending.oldestStart()).isEqualTo(30);
    assertThat(pending.size()).isEqualTo(1);
  }

  @Test
  void lostRequestsOweOneLateReplyEach() {
    final PendingRequests pending = new PendingRequests(4);
    pending.add(PendingRequests.ANNOUNCE, 10, 15, 1);
    pending.add(PendingRequests.ANNOUNCE, 20, 25, 1);
    pending.loseOldest();
    pending.loseOldest();
    assertThat(pending.isEmpty()).isTrue();
    assertThat(pending.takeOwedLate()).isTrue();
    assertThat(pending.takeOwedLate()).isTrue();
    assertThat(pending.takeOwedLate()).isFalse();
  }

  @Test
  void errorsGoToAnswersSentBeforeTheOldestRequestFirst() {
    final PendingRequests pending = new PendingRequests(4);
    pending.answerSent();
    pending.answerSent();
    pending.add(PendingRequests.ANNOUNCE, 10, 15, 1);
    pending.answerSent();
    assertThat(pending.takeAnswerError()).isTrue();
    assertThat(pending.takeAnswerError()).isTrue();
    assertThat(pending.takeAnswerError()).as("the next error is the announce's").isFalse();
    pending.removeOldest();
    assertThat(pending.takeAnswerError()).as("the answer sent after the announce").isTrue();
    assertThat(pending.takeAnswerError()).isFalse();
  }

  @Test
  void aReplyToARequestSettlesTheAnswersBeforeIt() {
    final PendingRequests pending = new PendingRequests(4);
    pending.answerSent();
    pending.add(PendingRequests.SCRAPE, 10, 15, 3);
    pending.add(PendingRequests.ANNOUNCE, 20, 25, 1);
    pending.removeOldest();
    assertThat(pending.takeAnswerError()).isFalse();
  }
}
