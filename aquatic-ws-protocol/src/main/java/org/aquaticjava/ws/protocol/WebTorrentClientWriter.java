package org.aquaticjava.ws.protocol;

import static org.aquaticjava.ws.protocol.JsonOutput.ascii;
import static org.aquaticjava.ws.protocol.JsonOutput.writeBinary;
import static org.aquaticjava.ws.protocol.JsonOutput.writeLong;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes client messages (protocols.md §6.3) in the reference client's key order, for the load
 * tester and tests:
 *
 * <pre>
 * announce  {"numwant":N,"uploaded":U,"downloaded":D,"left":L,["event":E,]"action":"announce","info_hash":IH,"peer_id":P[,"offers":[{"offer":{"type":"offer","sdp":SDP},"offer_id":O},…]]}
 * answer    {"action":"announce","info_hash":IH,"peer_id":P,"to_peer_id":T,"answer":{"type":"answer","sdp":SDP},"offer_id":O}
 * scrape    {"action":"scrape"[,"info_hash":IH | [IH,…]]}
 * </pre>
 *
 * Immutable and thread-safe.
 */
public final class WebTorrentClientWriter {
  private static final byte[] NUM_WANT = ascii("{\"numwant\":");
  private static final byte[] UPLOADED = ascii(",\"uploaded\":");
  private static final byte[] DOWNLOADED = ascii(",\"downloaded\":");
  private static final byte[] LEFT = ascii(",\"left\":");
  private static final byte[] NULL = ascii("null");
  private static final byte[] EVENT = ascii(",\"event\":\"");
  private static final byte[] ACTION_ANNOUNCE_INFO_HASH = ascii(",\"action\":\"announce\",\"info_hash\":");
  private static final byte[] PEER_ID = ascii(",\"peer_id\":");
  private static final byte[] OFFERS = ascii(",\"offers\":[");
  private static final byte[] OFFER = ascii("{\"offer\":{\"type\":\"offer\",\"sdp\":");
  private static final byte[] OFFER_ID = ascii("},\"offer_id\":");
  private static final byte[] ANSWER_INFO_HASH = ascii("{\"action\":\"announce\",\"info_hash\":");
  private static final byte[] TO_PEER_ID = ascii(",\"to_peer_id\":");
  private static final byte[] ANSWER = ascii(",\"answer\":{\"type\":\"answer\",\"sdp\":");
  private static final byte[] SCRAPE = ascii("{\"action\":\"scrape\"");
  private static final byte[] INFO_HASH = ascii(",\"info_hash\":");

  public void writeAnnounce(ByteBuf out, ClientAnnounce announce) {
    out.writeBytes(NUM_WANT);
    writeLong(out, announce.numWant());
    out.writeBytes(UPLOADED);
    writeLong(out, announce.uploaded());
    out.writeBytes(DOWNLOADED);
    writeLong(out, announce.downloaded());
    out.writeBytes(LEFT);
    if (announce.left() < 0) {
      out.writeBytes(NULL);
    } else {
      writeLong(out, announce.left());
    }
    final WsAnnounceEvent event = announce.event();
    if (event != null) {
      out.writeBytes(EVENT).writeCharSequence(event.wireName(), StandardCharsets.US_ASCII);
      out.writeByte('"');
    }
    out.writeBytes(ACTION_ANNOUNCE_INFO_HASH);
    writeBinary(out, announce.infoHash(), 0);
    out.writeBytes(PEER_ID);
    writeBinary(out, announce.peerId(), 0);
    if (!announce.offers().isEmpty()) {
      out.writeBytes(OFFERS);
      for (int i = 0; i < announce.offers().size(); i++) {
        final ClientOffer offer = announce.offers().get(i);
        if (i > 0) {
          out.writeByte(',');
        }
        out.writeBytes(OFFER).writeBytes(offer.sdp().literalBytes()).writeBytes(OFFER_ID);
        writeBinary(out, offer.offerId(), 0);
        out.writeByte('}');
      }
      out.writeByte(']');
    }
    out.writeByte('}');
  }

  /** The answer of {@code peerId} to offer {@code offerId} of {@code toPeerId}; ids are 20 bytes. */
  public void writeAnswer(
      ByteBuf out, byte[] infoHash, byte[] peerId, byte[] toPeerId, byte[] offerId, JsonText sdp) {
    out.writeBytes(ANSWER_INFO_HASH);
    writeBinary(out, infoHash, 0);
    out.writeBytes(PEER_ID);
    writeBinary(out, peerId, 0);
    out.writeBytes(TO_PEER_ID);
    writeBinary(out, toPeerId, 0);
    out.writeBytes(ANSWER).writeBytes(sdp.literalBytes()).writeBytes(OFFER_ID);
    writeBinary(out, offerId, 0);
    out.writeByte('}');
  }

  /**
   * A scrape of the first {@code count} of {@code infoHashes} (20 bytes each): no {@code info_hash}
   * for 0 (a full scrape), a string for 1, an array otherwise.
   */
  public void writeScrape(ByteBuf out, byte[][] infoHashes, int count) {
    out.writeBytes(SCRAPE);
    if (count == 1) {
      out.writeBytes(INFO_HASH);
      writeBinary(out, infoHashes[0], 0);
    } else if (count > 1) {
      out.writeBytes(INFO_HASH).writeByte('[');
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          out.writeByte(',');
        }
        writeBinary(out, infoHashes[i], 0);
      }
      out.writeByte(']');
    }
    out.writeByte('}');
  }
}
