package org.aquaticjava.loadtest.udp;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.aquaticjava.loadtest.ErrorMessageCounter;
import org.aquaticjava.loadtest.LatencyRecorder;
import org.aquaticjava.loadtest.LoadWorker;
import org.aquaticjava.loadtest.OutcomeCounters;
import org.aquaticjava.loadtest.PeerEvents;
import org.aquaticjava.loadtest.PeerPool;
import org.aquaticjava.loadtest.SendPacer;
import org.aquaticjava.loadtest.SourceAddressRange;
import org.aquaticjava.loadtest.TorrentPool;
import org.aquaticjava.loadtest.WeightedChoice;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.UdpAnnounceRequest;
import org.aquaticjava.udp.protocol.UdpResponseOutcome;
import org.aquaticjava.udp.protocol.UdpProtocol;
import org.aquaticjava.udp.protocol.UdpRequestWriter;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.aquaticjava.udp.protocol.UdpResponseParser;

/**
 * One UDP load-generating thread: a duty cycle over its sockets that reads replies, sends what the
 * pacer allows into free in-flight slots, and expires requests whose reply is overdue. It owns the
 * peers {@code p} with {@code p % workers == index}, so their announce life cycle is single-writer.
 *
 * <p>The cycle allocates nothing per request. When idle it blocks in {@link Selector#select} (woken
 * by a reply) if the next send is at least a millisecond away, else parks until it is due; so it
 * never busy-spins, and open-loop send times are accurate to the park resolution (tens of us).
 *
 * <p>Thread contract as in {@link LoadWorker}.
 */
final class UdpLoadWorker implements LoadWorker {
  /** Replies read from one socket per cycle, so one busy socket cannot starve the others. */
  private static final int RECEIVE_BATCH = 64;
  /** Requests sent per cycle at most, so replies are read regularly. */
  private static final int SEND_BATCH = 64;
  private static final long EXPIRY_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** {@code left} of a leecher's announce. */
  private static final long LEECHER_LEFT = 1_000_000;

  private final UdpLoadTestConfig config;
  private final int index;
  private final AddressFamily family;
  private final TorrentPool torrents;
  private final PeerPool peers;
  private final PeerEvents peerEvents;
  private final SplittableRandom random;
  private final WeightedChoice mix;
  private SendPacer pacer = SendPacer.closedLoop();
  private final Selector selector;
  private final UdpClientSocket[] sockets;
  private final int ownedPeers;
  private final long timeoutNanos;
  private final long renewAfterNanos;
  private final int numWant;

  private final OutcomeCounters counters = new OutcomeCounters(RequestKind.NAMES.size());
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final ErrorMessageCounter errorMessages = new ErrorMessageCounter();
  private final UdpResponse response = new UdpResponse();
  private final byte[] infoHash = new byte[TorrentPool.INFO_HASH_LENGTH];
  private final byte[] peerId = new byte[PeerPool.PEER_ID_LENGTH];
  /** {@code scrapeLists.get(n - 1)} holds the first n of the reusable {@code scrapeHashes}. */
  private final List<List<byte[]>> scrapeLists;
  private final byte[][] scrapeHashes;

  /** Reads the replies waiting on a ready socket's key; see {@link #receiveReady()}. */
  private final Consumer<SelectionKey> onReadable = this::readReplies;

  private volatile boolean stopping;
  private int received;
  private int nextSocket;
  private long nextSweepNanos;

  private UdpLoadWorker(
      UdpLoadTestConfig config,
      int index,
      InetSocketAddress target,
      TorrentPool torrents,
      PeerPool peers)
      throws IOException {
    this.config = config;
    this.index = index;
    this.family =
        target.getAddress() instanceof Inet6Address ? AddressFamily.IPV6 : AddressFamily.IPV4;
    this.torrents = torrents;
    this.peers = peers;
    this.peerEvents = new PeerEvents(peers, config.workload().stoppedProbability());
    this.random = new SplittableRandom(config.workload().seed() + 0x632BE59BD9B4E019L * (index + 1));
    final UdpLoadTestConfig.Requests requests = config.requests();
    this.mix =
        new WeightedChoice(
            requests.weightConnect(), requests.weightAnnounce(), requests.weightScrape());
    this.ownedPeers = (peers.size() - index + config.workers() - 1) / config.workers();
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.load().requestTimeoutMs());
    this.renewAfterNanos = TimeUnit.SECONDS.toNanos(config.network().connectionIdRenewInterval());
    this.numWant = requests.announcePeersWanted();
    this.scrapeHashes = new byte[requests.scrapeMaxTorrents()][];
    final List<List<byte[]>> lists = new ArrayList<>();
    for (int i = 0; i < scrapeHashes.length; i++) {
      scrapeHashes[i] = new byte[TorrentPool.INFO_HASH_LENGTH];
      lists.add(List.of(Arrays.copyOf(scrapeHashes, i + 1)));
    }
    this.scrapeLists = List.copyOf(lists);
    this.selector = Selector.open();
    this.sockets = new UdpClientSocket[config.network().socketsPerWorker()];
    final SourceAddressRange sources = config.sources().range();
    try {
      for (int i = 0; i < sockets.length; i++) {
        sockets[i] =
            UdpClientSocket.open(
                target,
                sources == null ? null : sources.address((long) index * sockets.length + i),
                config.network().recvBuffer(),
                config.network().maxInFlightPerSocket(),
                selector,
                counters);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Opens worker {@code index}'s sockets to {@code target}. */
  static UdpLoadWorker open(
      UdpLoadTestConfig config,
      int index,
      InetSocketAddress target,
      TorrentPool torrents,
      PeerPool peers)
      throws IOException {
    return new UdpLoadWorker(config, index, target, torrents, peers);
  }

  @Override
  public OutcomeCounters counters() {
    return counters;
  }

  @Override
  public LatencyRecorder latencies() {
    return latencies;
  }

  @Override
  public ErrorMessageCounter errorMessages() {
    return errorMessages;
  }

  @Override
  public void stop() {
    stopping = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    final int rate = config.load().rate();
    if (rate > 0) {
      // The schedule starts when the thread does, not when the sockets were opened.
      pacer = SendPacer.openLoop(rate, config.workers(), index, System.nanoTime());
    }
    try {
      while (!stopping) {
        final long now = System.nanoTime();
        final int work = receiveReady() + sendDue(now) + sweep(now);
        if (work == 0) {
          idle(now);
        }
      }
      drainInFlight();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close();
    }
  }

  /** After the last send: wait up to one timeout for outstanding replies, then count the rest. */
  private void drainInFlight() throws IOException {
    final long deadline = System.nanoTime() + timeoutNanos;
    long now;
    while ((now = System.nanoTime()) - deadline < 0 && inFlight() > 0) {
      if (receiveReady() + sweep(now) == 0) {
        selector.select(onReadable, 1);
      }
    }
    for (final UdpClientSocket socket : sockets) {
      socket.expire(Long.MAX_VALUE);
    }
  }

  private int inFlight() {
    int total = 0;
    for (final UdpClientSocket socket : sockets) {
      total += socket.inFlight.inFlight();
    }
    return total;
  }

  private void idle(long now) throws IOException {
    final long untilDue = Math.min(pacer.nanosUntilDue(now), nextSweepNanos - now);
    // Only an open-loop schedule gives a send time to wake up for; otherwise wait for a reply.
    final boolean sendScheduled = pacer.isOpenLoop() && untilDue > 0;
    if (!sendScheduled || untilDue >= 1_000_000) {
      // Nothing to send before a reply or the next sweep: block until either (reading the replies).
      selector.select(onReadable, Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilDue)));
    } else {
      LockSupport.parkNanos(untilDue);
    }
  }

  /**
   * Reads the replies of the sockets the selector finds readable (only those: with hundreds of
   * sockets, one per source address, reading every socket each cycle would cost a system call per
   * socket); returns how many were read.
   */
  private int receiveReady() throws IOException {
    received = 0;
    selector.selectNow(onReadable);
    return received;
  }

  /** Reads up to a batch of replies from the key's socket (level-triggered: the rest comes next). */
  private void readReplies(SelectionKey key) {
    final UdpClientSocket socket = (UdpClientSocket) key.attachment();
    try {
      ByteBuf datagram;
      for (int i = 0; i < RECEIVE_BATCH && (datagram = socket.receive()) != null; i++) {
        onReply(socket, datagram, System.nanoTime());
        received++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void onReply(UdpClientSocket socket, ByteBuf datagram, long now) {
    final UdpResponseOutcome outcome = UdpResponseParser.parse(datagram, family, response);
    // A malformed reply still names its request if it has a transaction id field.
    final int transactionId =
        outcome != UdpResponseOutcome.MALFORMED
            ? response.transactionId()
            : datagram.readableBytes() >= UdpProtocol.ERROR_RESPONSE_HEADER_LENGTH
                ? datagram.getInt(datagram.readerIndex() + 4)
                : 0;
    final int slot = socket.inFlight.find(transactionId);
    if (slot < 0) {
      counters.late();
      return;
    }
    final InFlightTable table = socket.inFlight;
    final byte kind = table.kind(slot);
    if (kind == RequestKind.CONNECT) {
      socket.connectInFlight(false);
    }
    if (outcome == UdpResponseOutcome.ERROR) {
      counters.error();
      final int messageIndex = datagram.readerIndex() + UdpProtocol.ERROR_RESPONSE_HEADER_LENGTH;
      errorMessages.count(datagram, messageIndex, datagram.writerIndex() - messageIndex);
      if (kind != RequestKind.CONNECT) {
        socket.requestRenewal();
      }
      latencies.record(table.latencyStartNanos(slot), now);
    } else if (isValid(outcome, kind, table.expectedCount(slot))) {
      if (kind == RequestKind.CONNECT) {
        socket.connected(response.connectionId(), now);
      }
      counters.response(kind);
      latencies.record(table.latencyStartNanos(slot), now);
    } else {
      counters.malformed();
    }
    table.release(slot);
  }

  /** Checks a parsed reply against what its request asked for. */
  private boolean isValid(UdpResponseOutcome outcome, byte kind, int expectedCount) {
    return switch (kind) {
      case RequestKind.CONNECT -> outcome == UdpResponseOutcome.CONNECT;
      case RequestKind.ANNOUNCE ->
          outcome == UdpResponseOutcome.ANNOUNCE
              && (expectedCount < 0 || response.peerCount() <= expectedCount)
              && response.seeders() >= 0
              && response.leechers() >= 0
              && response.interval() >= 0;
      case RequestKind.SCRAPE ->
          outcome == UdpResponseOutcome.SCRAPE && response.scrapeEntryCount() == expectedCount;
      default -> false;
    };
  }

  private int sendDue(long now) throws IOException {
    int sent = 0;
    while (sent < SEND_BATCH && pacer.isDue(now)) {
      final UdpClientSocket socket = nextSocketWithFreeSlot();
      if (socket == null) {
        break;
      }
      final long sendNanos = System.nanoTime();
      final long latencyStart = pacer.take(sendNanos);
      if (!send(socket, latencyStart, sendNanos)) {
        break;
      }
      sent++;
    }
    return sent;
  }

  /** Round-robin over sockets that can send something now; null if none can. */
  private UdpClientSocket nextSocketWithFreeSlot() {
    for (int i = 0; i < sockets.length; i++) {
      final UdpClientSocket socket = sockets[nextSocket];
      nextSocket = nextSocket + 1 == sockets.length ? 0 : nextSocket + 1;
      if (socket.canSend()) {
        return socket;
      }
    }
    return null;
  }

  /** Writes and sends one request on {@code socket}; false if the kernel refused it. */
  private boolean send(UdpClientSocket socket, long latencyStart, long now) throws IOException {
    final ByteBuf out = socket.sendBuffer();
    final InFlightTable table = socket.inFlight;
    final boolean connect = socket.needsConnect(now, renewAfterNanos);
    final int kind = connect ? RequestKind.CONNECT : mix.pick(random);
    final int transactionId;
    switch (kind) {
      case RequestKind.CONNECT -> {
        transactionId = table.acquire(RequestKind.CONNECT, -1, 0, latencyStart, now);
        UdpRequestWriter.writeConnect(out, transactionId);
      }
      case RequestKind.ANNOUNCE -> {
        final int peer = index + config.workers() * random.nextInt(ownedPeers);
        final int torrent = peers.torrentOf(peer);
        System.arraycopy(
            torrents.infoHashBytes(), TorrentPool.offsetOf(torrent), infoHash, 0, infoHash.length);
        PeerPool.writePeerId(peer, peerId, 0);
        transactionId = table.acquire(RequestKind.ANNOUNCE, peer, numWant, latencyStart, now);
        UdpRequestWriter.writeAnnounce(
            out,
            socket.connectionId(),
            transactionId,
            new UdpAnnounceRequest(
                infoHash,
                peerId,
                0,
                peers.isSeeder(peer) ? 0 : LEECHER_LEFT,
                0,
                UdpEvents.wireValue(peerEvents.next(peer, random)),
                0,
                peer,
                numWant,
                peers.portOf(peer),
                null));
      }
      default -> {
        final int count = 1 + random.nextInt(scrapeHashes.length);
        for (int i = 0; i < count; i++) {
          System.arraycopy(
              torrents.infoHashBytes(),
              TorrentPool.offsetOf(torrents.sample(random)),
              scrapeHashes[i],
              0,
              TorrentPool.INFO_HASH_LENGTH);
        }
        transactionId = table.acquire(RequestKind.SCRAPE, -1, count, latencyStart, now);
        UdpRequestWriter.writeScrape(
            out, socket.connectionId(), transactionId, scrapeLists.get(count - 1));
      }
    }
    if (!socket.send()) {
      table.release(table.find(transactionId));
      return false;
    }
    if (connect) {
      socket.connectInFlight(true);
    }
    counters.sent();
    return true;
  }

  private int sweep(long now) {
    if (now - nextSweepNanos < 0) {
      return 0;
    }
    nextSweepNanos = now + EXPIRY_SWEEP_NANOS;
    int expired = 0;
    for (final UdpClientSocket socket : sockets) {
      expired += socket.expire(now - timeoutNanos);
    }
    return expired;
  }

  /** Closes the sockets; {@link #run()} does so itself when it ends. */
  void close() {
    for (final UdpClientSocket socket : sockets) {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // Closing a UDP socket cannot lose data; nothing to report.
        }
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      // As above.
    }
  }
}
