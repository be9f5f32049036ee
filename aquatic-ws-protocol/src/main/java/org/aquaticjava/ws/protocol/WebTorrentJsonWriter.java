package org.aquaticjava.ws.protocol;

import static org.aquaticjava.ws.protocol.JsonOutput.ascii;
import static org.aquaticjava.ws.protocol.JsonOutput.writeBinary;
import static org.aquaticjava.ws.protocol.JsonOutput.writeLong;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Writes the tracker's messages (protocols.md §6.4) as UTF-8 JSON into a caller-owned {@link
 * ByteBuf}, with constant keys precomputed and no intermediate strings; key order as aquatic's:
 *
 * <pre>
 * announce response  {"action":"announce","info_hash":IH,"complete":C,"incomplete":I,"interval":S[,"warning message":W]}
 * offer relay        {"action":"announce","peer_id":OFFERER,"info_hash":IH,"offer":{"type":"offer","sdp":SDP},"offer_id":O}
 * answer relay       {"action":"announce","peer_id":ANSWERER,"info_hash":IH,"answer":{"type":"answer","sdp":SDP},"offer_id":O}
 * scrape response    {"action":"scrape","files":{IH:{"complete":C,"incomplete":I,"downloaded":D},…}}
 * error              {"failure reason":R[,"action":A][,"info_hash":IH]}
 * </pre>
 *
 * Ids are 20 bytes at the given offset, written as binary strings ({@link JsonOutput}). An SDP is a
 * complete JSON string literal (quotes included) copied verbatim, normally a range of {@link
 * WsRequest#messageBytes()}. Immutable and thread-safe.
 */
public final class WebTorrentJsonWriter {
  private static final byte[] ANNOUNCE_INFO_HASH = ascii("{\"action\":\"announce\",\"info_hash\":");
  private static final byte[] COMPLETE = ascii(",\"complete\":");
  private static final byte[] INCOMPLETE = ascii(",\"incomplete\":");
  private static final byte[] INTERVAL = ascii(",\"interval\":");
  private static final byte[] WARNING = ascii(",\"warning message\":");
  private static final byte[] ANNOUNCE_PEER_ID = ascii("{\"action\":\"announce\",\"peer_id\":");
  private static final byte[] INFO_HASH = ascii(",\"info_hash\":");
  private static final byte[] OFFER_SDP = ascii(",\"offer\":{\"type\":\"offer\",\"sdp\":");
  private static final byte[] ANSWER_SDP = ascii(",\"answer\":{\"type\":\"answer\",\"sdp\":");
  private static final byte[] OFFER_ID = ascii("},\"offer_id\":");
  private static final byte[] SCRAPE_FILES = ascii("{\"action\":\"scrape\",\"files\":{");
  private static final byte[] DOWNLOADED = ascii(",\"downloaded\":");
  private static final byte[] COMPLETE_FIRST = ascii(":{\"complete\":");
  private static final byte[] FAILURE_REASON = ascii("{\"failure reason\":");
  private static final byte[] ACTION_ANNOUNCE = ascii(",\"action\":\"announce\"");
  private static final byte[] ACTION_SCRAPE = ascii(",\"action\":\"scrape\"");

  /** Fixed bytes of the longest fixed-shape message plus its numbers, for one ensureWritable. */
  private static final int FIXED_MAX = 256;

  /** Announce response to the announcer; counts include the announcer (aquatic). */
  public void writeAnnounceResponse(
      ByteBuf out,
      byte[] infoHash,
      int infoHashOffset,
      long complete,
      long incomplete,
      int interval,
      @Nullable JsonText warning) {
    out.ensureWritable(FIXED_MAX + (warning == null ? 0 : warning.length()));
    out.writeBytes(ANNOUNCE_INFO_HASH);
    writeBinary(out, infoHash, infoHashOffset);
    out.writeBytes(COMPLETE);
    writeLong(out, complete);
    out.writeBytes(INCOMPLETE);
    writeLong(out, incomplete);
    out.writeBytes(INTERVAL);
    writeLong(out, interval);
    if (warning != null) {
      out.writeBytes(WARNING).writeBytes(warning.literalBytes());
    }
    out.writeByte('}');
  }

  /** An offer relayed to a chosen peer; {@code offererPeerId} is the announcer's id. */
  public void writeOfferRelay(
      ByteBuf out,
      byte[] infoHash,
      int infoHashOffset,
      byte[] offererPeerId,
      int peerIdOffset,
      byte[] sdpLiteral,
      int sdpOffset,
      int sdpLength,
      byte[] offerId,
      int offerIdOffset) {
    writeRelay(out, OFFER_SDP, infoHash, infoHashOffset, offererPeerId, peerIdOffset,
        sdpLiteral, sdpOffset, sdpLength, offerId, offerIdOffset);
  }

  /** An answer relayed to the offerer; {@code answererPeerId} is the answering peer's id. */
  public void writeAnswerRelay(
      ByteBuf out,
      byte[] infoHash,
      int infoHashOffset,
      byte[] answererPeerId,
      int peerIdOffset,
      byte[] sdpLiteral,
      int sdpOffset,
      int sdpLength,
      byte[] offerId,
      int offerIdOffset) {
    writeRelay(out, ANSWER_SDP, infoHash, infoHashOffset, answererPeerId, peerIdOffset,
        sdpLiteral, sdpOffset, sdpLength, offerId, offerIdOffset);
  }

  /** Offer {@code i} of an announce read into {@code announce}, relayed to one chosen peer. */
  public void writeOfferRelay(ByteBuf out, WsRequest announce, int i) {
    writeOfferRelay(out, announce.infoHash(), 0, announce.peerId(), 0, announce.messageBytes(),
        announce.offerSdpOffset(i), announce.offerSdpLength(i), announce.offerIds(),
        i * WsRequest.ID);
  }

  /** The answer read into {@code answer}, relayed to its {@link WsRequest#toPeerId()}. */
  public void writeAnswerRelay(ByteBuf out, WsRequest answer) {
    writeAnswerRelay(out, answer.infoHash(), 0, answer.peerId(), 0, answer.messageBytes(),
        answer.answerSdpOffset(), answer.answerSdpLength(), answer.answerOfferId(), 0);
  }

  private static void writeRelay(
      ByteBuf out,
      byte[] sdpKey,
      byte[] infoHash,
      int infoHashOffset,
      byte[] peerId,
      int peerIdOffset,
      byte[] sdpLiteral,
      int sdpOffset,
      int sdpLength,
      byte[] offerId,
      int offerIdOffset) {
    out.ensureWritable(FIXED_MAX + 2 * JsonOutput.MAX_BINARY_LITERAL + sdpLength);
    out.writeBytes(ANNOUNCE_PEER_ID);
    writeBinary(out, peerId, peerIdOffset);
    out.writeBytes(INFO_HASH);
    writeBinary(out, infoHash, infoHashOffset);
    out.writeBytes(sdpKey).writeBytes(sdpLiteral, sdpOffset, sdpLength);
    out.writeBytes(OFFER_ID);
    writeBinary(out, offerId, offerIdOffset);
    out.writeByte('}');
  }

  /** Starts a scrape response; follow with {@link #writeScrapeEntry} per hash and {@link #endScrapeResponse}. */
  public void beginScrapeResponse(ByteBuf out) {
    out.writeBytes(SCRAPE_FILES);
  }

  /**
   * One {@code files} entry; {@code index} counts entries from 0 (it places the commas). Write
   * zeros for unknown hashes: an empty {@code files} is an error to the reference client (aquatic
   * #16).
   */
  public void writeScrapeEntry(
      ByteBuf out, int index, byte[] infoHash, int infoHashOffset,
      long complete, long incomplete, long downloaded) {
    out.ensureWritable(FIXED_MAX);
    if (index > 0) {
      out.writeByte(',');
    }
    writeBinary(out, infoHash, infoHashOffset);
    out.writeBytes(COMPLETE_FIRST);
    writeLong(out, complete);
    out.writeBytes(INCOMPLETE);
    writeLong(out, incomplete);
    out.writeBytes(DOWNLOADED);
    writeLong(out, downloaded);
    out.writeByte('}');
  }

  public void endScrapeResponse(ByteBuf out) {
    out.writeByte('}').writeByte('}');
  }

  /**
   * An error; {@code action} is written if {@link MessageAction#isWritable()}, {@code infoHash} if
   * not null. Send both whenever known: the reference client ignores errors without them (#15).
   */
  public void writeError(
      ByteBuf out, JsonText failureReason, MessageAction action,
      byte @Nullable [] infoHash, int infoHashOffset) {
    out.ensureWritable(FIXED_MAX + failureReason.length());
    out.writeBytes(FAILURE_REASON).writeBytes(failureReason.literalBytes());
    if (action == MessageAction.ANNOUNCE) {
      out.writeBytes(ACTION_ANNOUNCE);
    } else if (action == MessageAction.SCRAPE) {
      out.writeBytes(ACTION_SCRAPE);
    }
    if (infoHash != null) {
      out.writeBytes(INFO_HASH);
      writeBinary(out, infoHash, infoHashOffset);
    }
    out.writeByte('}');
  }

  /** The error reply to a message read as {@link WsParseOutcome#ERROR}, with what of it was readable. */
  public void writeError(ByteBuf out, WsRequest refused) {
    final ReadError error = refused.error();
    if (error == null) {
      throw new IllegalArgumentException("message was not refused: " + refused.outcome());
    }
    writeError(out, error.failureReason(), refused.action(),
        refused.infoHashKnown() ? refused.infoHash() : null, 0);
  }
}
