package org.aquaticjava.ws.protocol;

import static org.aquaticjava.ws.protocol.WsGoldens.IH;
import static org.aquaticjava.ws.protocol.WsGoldens.O1;
import static org.aquaticjava.ws.protocol.WsGoldens.O2;
import static org.aquaticjava.ws.protocol.WsGoldens.PA;
import static org.aquaticjava.ws.protocol.WsGoldens.PB;
import static org.aquaticjava.ws.protocol.WsGoldens.id;
import static org.aquaticjava.ws.protocol.WsGoldens.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.Test;

/** Goldens made by Node's JSON.stringify are read field for field and written byte for byte. */
class GoldenFilesTest {
  private final WebTorrentJsonReader reader = new WebTorrentJsonReader(ReadLimits.DEFAULTS);
  private final InMessage in = reader.newMessage();
  private final WebTorrentJsonWriter writer = new WebTorrentJsonWriter();
  private final WebTorrentClientWriter clientWriter = new WebTorrentClientWriter();
  private final TrackerMessageReader trackerReader = new TrackerMessageReader(65_536, 16_384);
  private final TrackerMessage message = new TrackerMessage(65_536, 8);

  private InOutcome read(String file) {
    final ByteBuf frame = Unpooled.directBuffer().writeBytes(Golden.bytes(file));
    try {
      return reader.read(frame, in);
    } finally {
      frame.release();
    }
  }

  private static byte[] written(java.util.function.Consumer<ByteBuf> write) {
    final ByteBuf out = Unpooled.directBuffer();
    try {
      write.accept(out);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  @Test
  void readsAnnounceWithOffersFromTheReferenceClient() {
    assertThat(read("ws/announce-with-offers.json")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(in.infoHash()).isEqualTo(IH);
    assertThat(in.peerId()).isEqualTo(PA);
    assertThat(in.event()).isEqualTo(AnnounceEvent.STARTED);
    assertThat(in.left()).isEqualTo(1_048_576);
    assertThat(in.numWant()).isEqualTo(2);
    assertThat(in.offerCount()).isEqualTo(2);
    assertThat(in.offersIgnored()).isZero();
    assertThat(id(in.offerIds(), 0)).isEqualTo(O1);
    assertThat(id(in.offerIds(), 1)).isEqualTo(O2);
    assertThat(range(in.messageBytes(), in.offerSdpOffset(0), in.offerSdpLength(0)))
        .isEqualTo(WsGoldens.SDP_A.literal());
    assertThat(range(in.messageBytes(), in.offerSdpOffset(1), in.offerSdpLength(1)))
        .isEqualTo(WsGoldens.SDP_A2.literal());
    assertThat(in.hasAnswer()).isFalse();
  }

  @Test
  void readsAnswer() {
    assertThat(read("ws/answer.json")).isEqualTo(InOutcome.ANNOUNCE);
    assertThat(in.peerId()).isEqualTo(PB);
    assertThat(in.hasAnswer()).isTrue();
    assertThat(in.toPeerId()).isEqualTo(PA);
    assertThat(in.answerOfferId()).isEqualTo(O1);
    assertThat(range(in.messageBytes(), in.answerSdpOffset(), in.answerSdpLength()))
        .isEqualTo(WsGoldens.SDP_B.literal());
    assertThat(in.event()).isEqualTo(AnnounceEvent.UPDATE);
    assertThat(in.left()).isEqualTo(InMessage.LEFT_UNKNOWN);
    assertThat(in.offerCount()).isZero();
  }

  @Test
  void readsScrapeOfTwoHashes() {
    assertThat(read("ws/scrape-request.json")).isEqualTo(InOutcome.SCRAPE);
    assertThat(in.fullScrape()).isFalse();
    assertThat(in.scrapeHashCount()).isEqualTo(2);
    assertThat(id(in.scrapeHashes(), 0)).isEqualTo(IH);
    assertThat(id(in.scrapeHashes(), 1)).isEqualTo(O1);
  }

  @Test
  void writesAnnounceResponseByteForByte() {
    Golden.assertMatches(
        "ws/announce-response.json",
        written(out -> writer.writeAnnounceResponse(out, IH, 0, 1, 2, 120, null)));
  }

  @Test
  void relaysOfferAndAnswerByteForByte() {
    read("ws/announce-with-offers.json");
    Golden.assertMatches("ws/offer-relay.json", written(out -> writer.writeOfferRelay(out, in, 0)));
    read("ws/answer.json");
    Golden.assertMatches("ws/answer-relay.json", written(out -> writer.writeAnswerRelay(out, in)));
  }

  @Test
  void writesScrapeResponseWithZerosForUnknownHashByteForByte() {
    Golden.assertMatches("ws/scrape-response.json", written(out -> {
          writer.beginScrapeResponse(out);
          writer.writeScrapeEntry(out, 0, IH, 0, 1, 2, 0);
          writer.writeScrapeEntry(out, 1, O1, 0, 0, 0, 0);
          writer.endScrapeResponse(out);
        }));
  }

  @Test
  void writesErrorWithActionAndInfoHashOfTheRefusedMessage() {
    final String noPeerId = new String(Golden.bytes("ws/announce-with-offers.json"), java.nio.charset.StandardCharsets.UTF_8)
        .replaceFirst("\"peer_id\":\"[^\"]*\",", "");
    final byte[] refused = noPeerId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(reader.read(refused, 0, refused.length, in)).isEqualTo(InOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MISSING_PEER_ID);
    Golden.assertMatches("ws/error.json", written(out -> writer.writeError(out, in)));
  }

  @Test
  void clientWritesTheReferenceClientsMessagesByteForByte() {
    final ClientAnnounce announce = new ClientAnnounce(IH, PA, AnnounceEvent.STARTED, 1_048_576, 0, 0, 2,
        List.of(new ClientOffer(O1, WsGoldens.SDP_A), new ClientOffer(O2, WsGoldens.SDP_A2)));
    Golden.assertMatches(
        "ws/announce-with-offers.json",
        written(out -> clientWriter.writeAnnounce(out, announce)));
    Golden.assertMatches(
        "ws/answer.json",
        written(out -> clientWriter.writeAnswer(out, IH, PB, PA, O1, WsGoldens.SDP_B)));
    Golden.assertMatches(
        "ws/scrape-request.json",
        written(out -> clientWriter.writeScrape(out, new byte[][] {IH, O1}, 2)));
  }

  @Test
  void clientReadsEveryTrackerMessage() {
    assertThat(trackerReader.read(Unpooled.wrappedBuffer(Golden.bytes("ws/announce-response.json")), message))
        .isEqualTo(TrackerMessageKind.ANNOUNCE_RESPONSE);
    assertThat(message.infoHash()).isEqualTo(IH);
    assertThat(new long[] {message.complete(), message.incomplete(), message.interval()})
        .containsExactly(1, 2, 120);

    assertThat(trackerReader.read(Unpooled.wrappedBuffer(Golden.bytes("ws/offer-relay.json")), message))
        .isEqualTo(TrackerMessageKind.OFFER);
    assertThat(message.peerId()).isEqualTo(PA);
    assertThat(message.offerId()).isEqualTo(O1);
    assertThat(range(message.messageBytes(), message.sdpOffset(), message.sdpLength()))
        .isEqualTo(WsGoldens.SDP_A.literal());

    assertThat(trackerReader.read(Unpooled.wrappedBuffer(Golden.bytes("ws/answer-relay.json")), message))
        .isEqualTo(TrackerMessageKind.ANSWER);
    assertThat(message.peerId()).isEqualTo(PB);
    assertThat(range(message.messageBytes(), message.sdpOffset(), message.sdpLength()))
        .isEqualTo(WsGoldens.SDP_B.literal());

    assertThat(trackerReader.read(Unpooled.wrappedBuffer(Golden.bytes("ws/scrape-response.json")), message))
        .isEqualTo(TrackerMessageKind.SCRAPE_RESPONSE);
    assertThat(message.scrapeEntryCount()).isEqualTo(2);
    assertThat(id(message.scrapeHashes(), 0)).isEqualTo(IH);
    assertThat(id(message.scrapeHashes(), 1)).isEqualTo(O1);
    assertThat(new long[] {message.scrapeComplete(0), message.scrapeIncomplete(0), message.scrapeDownloaded(0)})
        .containsExactly(1, 2, 0);

    assertThat(trackerReader.read(Unpooled.wrappedBuffer(Golden.bytes("ws/error.json")), message))
        .isEqualTo(TrackerMessageKind.ERROR);
    assertThat(message.failureReason()).isEqualTo("Invalid request: missing peer_id");
    assertThat(message.action()).isEqualTo(MessageAction.ANNOUNCE);
    assertThat(message.infoHash()).isEqualTo(IH);
  }
}
