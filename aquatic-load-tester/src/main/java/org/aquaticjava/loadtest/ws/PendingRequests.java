package org.aquaticjava.loadtest.ws;

/**
 * The announces and scrapes one connection has in flight, oldest first, and the answers sent
 * between them. A WebSocket delivers in order and trackers handle one connection's messages in
 * order, so replies come in the order of what they reply to: exactly one per announce or scrape,
 * and none or one (an error, e.g. aquatic's "could not find the offer") per answer. So an error
 * while answers were sent before the oldest request is taken as refusing one of those answers;
 * otherwise it is the oldest request's reply. (Exact unless an answer got no reply and the request
 * after it got an error: then the error is taken for the answer's and the request ends as lost.)
 * Requests given up on as lost leave a debt of replies that will still come; those are counted as
 * late when they do.
 *
 * <p>Not thread-safe: owned by the connection's event loop. Allocation-free after construction.
 */
final class PendingRequests {
  static final byte ANNOUNCE = 0;
  static final byte SCRAPE = 1;

  private final byte[] kinds;
  private final long[] startNanos;
  private final long[] sentNanos;
  private final int[] torrentCounts;
  /** Answers sent before each request and after the one before it, that may still get an error. */
  private final int[] answersBefore;
  /** Answers sent after the newest request (or with none in flight). */
  private int trailingAnswers;
  private int head;
  private int size;
  private int owedLate;

  PendingRequests(int capacity) {
    kinds = new byte[capacity];
    startNanos = new long[capacity];
    sentNanos = new long[capacity];
    torrentCounts = new int[capacity];
    answersBefore = new int[capacity];
  }

  boolean isFull() {
    return size == kinds.length;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /**
   * Adds a request sent at {@code sent} with latency measured from {@code start} (its scheduled
   * time in open loop, earlier than {@code sent} when the schedule falls behind); the caller checks
   * capacity.
   */
  void add(byte kind, long start, long sent, int torrentCount) {
    final int slot = (head + size) % kinds.length;
    kinds[slot] = kind;
    startNanos[slot] = start;
    sentNanos[slot] = sent;
    torrentCounts[slot] = torrentCount;
    answersBefore[slot] = trailingAnswers;
    trailingAnswers = 0;
    size++;
  }

  /** An answer was sent: the tracker may refuse it with an error. */
  void answerSent() {
    trailingAnswers++;
  }

  /**
   * Whether an error arriving now refuses an answer rather than the oldest request (and if so,
   * settles that answer). Saturates instead of overflowing for connections that only answer.
   */
  boolean takeAnswerError() {
    if (size > 0) {
      if (answersBefore[head] == 0) {
        return false;
      }
      answersBefore[head]--;
      return true;
    }
    if (trailingAnswers == 0) {
      return false;
    }
    trailingAnswers--;
    return true;
  }

  byte oldestKind() {
    return kinds[head];
  }

  long oldestStart() {
    return startNanos[head];
  }

  /**
   * When the oldest request was sent: its timeout runs from there, not from its scheduled time, so
   * a generator that falls behind its schedule reports the lag as latency instead of counting
   * requests as lost before the tracker could have answered them.
   */
  long oldestSent() {
    return sentNanos[head];
  }

  /** Info hashes the oldest request asked for (1 for an announce). */
  int oldestTorrentCount() {
    return torrentCounts[head];
  }

  /** Removes the oldest request (it was answered); answers sent before it got no error. */
  void removeOldest() {
    head = (head + 1) % kinds.length;
    size--;
  }

  /** Removes the oldest request as lost: its reply, if it still comes, is owed as late. */
  void loseOldest() {
    removeOldest();
    owedLate++;
  }

  /** Whether the next reply settles a debt of a lost request (and if so, settles it). */
  boolean takeOwedLate() {
    if (owedLate == 0) {
      return false;
    }
    owedLate--;
    return true;
  }
}
