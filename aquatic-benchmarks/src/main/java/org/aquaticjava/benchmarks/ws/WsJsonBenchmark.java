package org.aquaticjava.benchmarks.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.ws.WsConfig;
import org.aquaticjava.ws.protocol.WsAnnounceEvent;
import org.aquaticjava.ws.protocol.ClientAnnounce;
import org.aquaticjava.ws.protocol.ClientOffer;
import org.aquaticjava.ws.protocol.WsRequest;
import org.aquaticjava.ws.protocol.WsParseOutcome;
import org.aquaticjava.ws.protocol.JsonText;
import org.aquaticjava.ws.protocol.ReadLimits;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.aquaticjava.ws.protocol.TrackerMessageParser;
import org.aquaticjava.ws.protocol.WebTorrentClientWriter;
import org.aquaticjava.ws.protocol.WsRequestParser;
import org.aquaticjava.ws.protocol.WebTorrentJsonWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The WebTorrent tracker's JSON work per message, with the reader limits the socket worker builds
 * from the default {@link WsConfig}: {@link WsRequestParser} reading client messages into a
 * reused {@link WsRequest}, and {@link WebTorrentJsonWriter} writing into a reused direct buffer.
 * Swarm state and sockets are left out (the ws module has no socket-free announce entry).
 *
 * <ul>
 *   <li>{@code readAnnounceWithOffers}: a browser announce as the reference client sends it (key
 *       order of {@link WebTorrentClientWriter}), {@code event:"started"}, with 10 offers, each a
 *       Chrome-like data-channel SDP of about 460 bytes (about 495 as an escaped JSON literal) with
 *       its own ICE credentials and fingerprint; about 5.7 KB per message, from a pool of {@value
 *       #ANNOUNCE_POOL}.
 *   <li>{@code readAnswer}: the answer a peer sends back to one offer (about 730 bytes), from a
 *       pool of {@value #POOL}.
 *   <li>{@code writeOffer}: one offer of a read announce relayed to one chosen peer.
 *   <li>{@code readAnnounceAndRelayOffers}: the relay path of an announce: read it, then write
 *       each of its 10 offers as the relay one chosen peer gets.
 *   <li>{@code readAnswerAndRelay}: the relay path of an answer: read it, write the answer relay.
 *   <li>{@code writeAnnounceResponse}: the reply to the announcer.
 * </ul>
 *
 * Binary ids are random bytes (as the reference client's hex-to-binary info hashes and offer ids
 * are), so about half of them take two UTF-8 bytes and some a six-byte escape. Setup checks that
 * every pooled message reads as intended and that the written messages read back, with the client
 * reader, as what they claim to be. Run with {@code -prof gc}: readers and writers allocate 0 B/op
 * (the jackson-core reader this one replaced allocated 0.8-0.9 KB per message, its parser).
 *
 * <pre>
 * java -jar aquatic-benchmarks/target/benchmarks.jar WsJsonBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class WsJsonBenchmark {
  static final int OFFERS = 10;
  static final int ANNOUNCE_POOL = 1 << 10;
  static final int POOL = 1 << 12;
  /** Read announces kept for writeOffer: each slot holds a 64 KiB copy of its message. */
  static final int READ_SLOTS = 16;

  /** Reader, writer, their slots and the message pools. */
  @State(Scope.Thread)
  public static class Json {
    WsRequestParser reader;
    WsRequest message;
    final WebTorrentJsonWriter writer = new WebTorrentJsonWriter();
    ByteBuf out;
    final ByteBuf[] announces = new ByteBuf[ANNOUNCE_POOL];
    final ByteBuf[] answers = new ByteBuf[POOL];
    final WsRequest[] readAnnounces = new WsRequest[READ_SLOTS];
    final byte[] infoHashes = new byte[POOL * 20];
    final int[] complete = new int[POOL];
    final int[] incomplete = new int[POOL];
    int interval;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
      final WsConfig config = WsConfig.DEFAULTS;
      // As WsSocketWorker builds them.
      reader =
          new WsRequestParser(
              new ReadLimits(
                  config.limits().maxMessageSize(),
                  ReadLimits.DEFAULTS.maxNestingDepth(),
                  config.protocol().maxOffers(),
                  config.limits().maxMessageSize(),
                  config.protocol().maxScrapeTorrents()));
      message = reader.newMessage();
      interval = config.protocol().peerAnnounceInterval();
      out = Unpooled.directBuffer(config.limits().maxMessageSize());

      final SplittableRandom random = new SplittableRandom(1);
      final WebTorrentClientWriter client = new WebTorrentClientWriter();
      for (int i = 0; i < ANNOUNCE_POOL; i++) {
        final List<ClientOffer> offers = new ArrayList<>();
        for (int o = 0; o < OFFERS; o++) {
          offers.add(new ClientOffer(bytes(random, 20), JsonText.of(sdp(random, "actpass"))));
        }
        final ClientAnnounce announce =
            new ClientAnnounce(
                bytes(random, 20), peerId(random), WsAnnounceEvent.STARTED,
                random.nextLong(1L << 32), 0, 0, OFFERS, offers);
        announces[i] = Unpooled.directBuffer(8192);
        client.writeAnnounce(announces[i], announce);
        if (reader.parse(announces[i], message) != WsParseOutcome.ANNOUNCE
            || message.offerCount() != OFFERS
            || message.offerSdpLength(OFFERS - 1) != offers.get(OFFERS - 1).sdp().length()) {
          throw new IllegalStateException("announce " + i + " not read as intended: " + message.error());
        }
        if (i < READ_SLOTS) {
          readAnnounces[i] = reader.newMessage();
          reader.parse(announces[i], readAnnounces[i]);
        }
      }
      for (int i = 0; i < POOL; i++) {
        answers[i] = Unpooled.directBuffer(1024);
        client.writeAnswer(
            answers[i], bytes(random, 20), peerId(random), peerId(random), bytes(random, 20),
            JsonText.of(sdp(random, "active")));
        if (reader.parse(answers[i], message) != WsParseOutcome.ANNOUNCE || !message.hasAnswer()) {
          throw new IllegalStateException("answer " + i + " not read as intended: " + message.error());
        }
        final byte[] hash = bytes(random, 20);
        System.arraycopy(hash, 0, infoHashes, i * 20, 20);
        complete[i] = random.nextInt(1000);
        incomplete[i] = random.nextInt(1000);
      }
      checkWriters();
    }

    /** The written messages read back as an offer and an announce response, with their values. */
    private void checkWriters() {
      final TrackerMessageParser back = new TrackerMessageParser(out.capacity(), out.capacity());
      final TrackerMessage read = new TrackerMessage(out.capacity(), 1);
      out.clear();
      final WsRequest offered = readAnnounces[READ_SLOTS - 1];
      writer.writeOfferRelay(out, offered, OFFERS - 1);
      if (back.parse(out, read) != TrackerMessageKind.OFFER
          || read.sdpLength() != offered.offerSdpLength(OFFERS - 1)) {
        throw new IllegalStateException("offer relay reads back as " + read.kind() + ": " + read.invalidReason());
      }
      out.clear();
      writer.writeAnnounceResponse(out, infoHashes, 20, complete[1], incomplete[1], interval, null);
      if (back.parse(out, read) != TrackerMessageKind.ANNOUNCE_RESPONSE
          || read.complete() != complete[1]
          || read.incomplete() != incomplete[1]) {
        throw new IllegalStateException("announce response reads back as " + read.kind() + ": " + read.invalidReason());
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      out.release();
      for (ByteBuf b : announces) {
        b.release();
      }
      for (ByteBuf b : answers) {
        b.release();
      }
    }

    private static byte[] bytes(SplittableRandom random, int n) {
      final byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }

    /** The reference client's id: {@code -WW0208-} and 12 base64 chars (9 random bytes). */
    private static byte[] peerId(SplittableRandom random) {
      final String id = "-WW0208-" + Base64.getEncoder().encodeToString(bytes(random, 9));
      return id.getBytes(StandardCharsets.US_ASCII);
    }

    /** A Chrome data-channel SDP with random session id, ICE credentials and DTLS fingerprint. */
    private static String sdp(SplittableRandom random, String setup) {
      final StringBuilder fingerprint = new StringBuilder();
      for (byte b : bytes(random, 32)) {
        fingerprint.append(fingerprint.isEmpty() ? "" : ":").append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
      return "v=0\r\no=- " + random.nextLong(Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
          + "a=group:BUNDLE 0\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS\r\n"
          + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
          + "a=ice-ufrag:" + base64(random, 3) + "\r\na=ice-pwd:" + base64(random, 18) + "\r\n"
          + "a=ice-options:trickle\r\na=fingerprint:sha-256 " + fingerprint + "\r\n"
          + "a=setup:" + setup + "\r\na=mid:0\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n";
    }

    private static String base64(SplittableRandom random, int bytes) {
      return Base64.getEncoder().withoutPadding().encodeToString(bytes(random, bytes));
    }
  }

  @Benchmark
  public int readAnnounceWithOffers(Json j) {
    final WsRequest m = j.message;
    final WsParseOutcome outcome = j.reader.parse(j.announces[j.cursor++ & (ANNOUNCE_POOL - 1)], m);
    return outcome.ordinal() + m.offerCount();
  }

  @Benchmark
  public int readAnswer(Json j) {
    final WsRequest m = j.message;
    final WsParseOutcome outcome = j.reader.parse(j.answers[j.cursor++ & (POOL - 1)], m);
    return outcome.ordinal() + m.answerSdpLength();
  }

  @Benchmark
  public int writeOffer(Json j) {
    final int i = j.cursor++;
    final ByteBuf out = j.out;
    out.clear();
    j.writer.writeOfferRelay(out, j.readAnnounces[i & (READ_SLOTS - 1)], (i >>> 4) % OFFERS);
    return out.writerIndex();
  }

  @Benchmark
  public int readAnnounceAndRelayOffers(Json j) {
    final WsRequest m = j.message;
    final ByteBuf out = j.out;
    j.reader.parse(j.announces[j.cursor++ & (ANNOUNCE_POOL - 1)], m);
    int written = 0;
    for (int i = 0; i < m.offerCount(); i++) {
      out.clear();
      j.writer.writeOfferRelay(out, m, i);
      written += out.writerIndex();
    }
    return written;
  }

  @Benchmark
  public int readAnswerAndRelay(Json j) {
    final WsRequest m = j.message;
    final ByteBuf out = j.out;
    j.reader.parse(j.answers[j.cursor++ & (POOL - 1)], m);
    out.clear();
    j.writer.writeAnswerRelay(out, m);
    return out.writerIndex();
  }

  @Benchmark
  public int writeAnnounceResponse(Json j) {
    final int i = j.cursor++ & (POOL - 1);
    final ByteBuf out = j.out;
    out.clear();
    j.writer.writeAnnounceResponse(
        out, j.infoHashes, i * 20, j.complete[i], j.incomplete[i], j.interval, null);
    return out.writerIndex();
  }
}
