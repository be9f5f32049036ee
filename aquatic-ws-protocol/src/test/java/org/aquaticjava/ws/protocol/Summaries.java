package org.aquaticjava.ws.protocol;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;

/** What a reader produced, as comparable text: the oracle tests and the fuzz test compare these. */
final class Summaries {
  private Summaries() {}

  static boolean strictUtf8(byte[] bytes) {
    final Utf8Validator utf8 = new Utf8Validator();
    return utf8.update(Unpooled.wrappedBuffer(bytes)) && utf8.isComplete();
  }

  /** Everything the tracker may read of a slot after this outcome, as text. */
  static String of(WsRequest m) {
    final StringBuilder s = new StringBuilder().append(m.outcome()).append(' ').append(m.error())
        .append(" action=").append(m.action());
    if (m.infoHashKnown() || m.outcome() == WsParseOutcome.ANNOUNCE) {
      s.append(" ih=").append(hex(m.infoHash(), 0, 20));
    }
    switch (m.outcome()) {
      case ANNOUNCE -> {
        s.append(" peer=").append(hex(m.peerId(), 0, 20)).append(" event=").append(m.event())
            .append(" left=").append(m.left()).append(" numwant=").append(m.numWant())
            .append(" offers=").append(m.offerCount()).append(" ignored=").append(m.offersIgnored());
        for (OfferSkip skip : OfferSkip.values()) {
          s.append(' ').append(skip.label()).append('=').append(m.offersSkipped(skip));
        }
        for (int i = 0; i < m.offerCount(); i++) {
          s.append(" [").append(hex(m.offerIds(), i * 20, 20)).append(' ')
              .append(m.offerSdpOffset(i)).append('+').append(m.offerSdpLength(i)).append(']');
        }
        if (m.hasAnswer()) {
          s.append(" answer=").append(m.answerSdpOffset()).append('+').append(m.answerSdpLength())
              .append(" to=").append(hex(m.toPeerId(), 0, 20))
              .append(" offer_id=").append(hex(m.answerOfferId(), 0, 20));
        }
      }
      case SCRAPE -> {
        s.append(" hashes=").append(hex(m.scrapeHashes(), 0, m.scrapeHashCount() * 20))
            .append(" ignored=").append(m.scrapeHashesIgnored()).append(" full=").append(m.fullScrape());
      }
      case ERROR -> { }
    }
    return s.toString();
  }

  static String of(TrackerMessage m) {
    final StringBuilder s = new StringBuilder().append(m.kind());
    if (m.kind() == TrackerMessageKind.INVALID) {
      // The reason's wording for malformed JSON differs (jackson named its exception class), and
      final String reason = String.valueOf(m.invalidReason());
      // jackson also called trailing content it could not tokenize malformed JSON.
      final boolean malformed = reason.startsWith("malformed JSON") || reason.equals("content after the object");
      return s.append(' ').append(malformed ? "malformed JSON or content after the object" : reason).toString();
    }
    s.append(" action=").append(m.action).append(" ih=").append(m.infoHashPresent ? hex(m.infoHash, 0, 20) : "-")
        .append(" peer=").append(m.peerIdPresent ? hex(m.peerId, 0, 20) : "-")
        .append(" offer_id=").append(m.offerIdPresent ? hex(m.offerId, 0, 20) : "-")
        .append(" offer=").append(m.offerPresent).append(" answer=").append(m.answerPresent)
        .append(" complete=").append(m.complete).append(" incomplete=").append(m.incomplete)
        .append(" interval=").append(m.interval).append(" failure=").append(m.failureReason)
        .append(" warning=").append(m.warningMessage).append(" files=").append(m.filesPresent);
    if (m.offerPresent || m.answerPresent) {
      s.append(" sdp=").append(m.sdpOffset).append('+').append(m.sdpLength);
    }
    if (m.filesPresent) {
      s.append(" entries=").append(m.scrapeEntryCount).append(" ignored=").append(m.scrapeEntriesIgnored)
          .append(' ').append(hex(m.scrapeHashes, 0, m.scrapeEntryCount * 20))
          .append(Arrays.toString(Arrays.copyOf(m.scrapeCounts, m.scrapeEntryCount * 3)));
    }
    return s.toString();
  }

  private static String hex(byte[] bytes, int offset, int length) {
    return HexFormat.of().formatHex(bytes, offset, offset + length);
  }
}
