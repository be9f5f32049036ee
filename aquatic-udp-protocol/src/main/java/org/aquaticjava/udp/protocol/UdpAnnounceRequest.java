package org.aquaticjava.udp.protocol;

import org.jspecify.annotations.Nullable;

/**
 * An announce as a client sends it (client side: load tester, test client). Immutable once built;
 * the arrays are not copied, so do not modify them afterwards.
 *
 * @param infoHash 20 bytes
 * @param peerId 20 bytes
 * @param event wire value: an {@link UdpAnnounceEvent#wireValue()}, or any other int (e.g. 4, which
 *     libtorrent sends for "paused") to exercise a tracker's tolerance
 * @param ipAddress the IPv4 {@code ip} field; 0 asks the tracker to use the source address
 * @param numWant peers wanted; -1 for the tracker default
 * @param port listen port 0..65535 (0 is sendable, to test the tracker's refusal)
 * @param urlData BEP 41 URLData (path and query), sent as options of at most 255 bytes each; {@code
 *     null} sends no options, an empty array sends an empty URLData option
 */
public record UdpAnnounceRequest(
    byte[] infoHash,
    byte[] peerId,
    long downloaded,
    long left,
    long uploaded,
    int event,
    int ipAddress,
    int key,
    int numWant,
    int port,
    byte @Nullable [] urlData) {

  public UdpAnnounceRequest {
    if (infoHash.length != UdpProtocol.INFO_HASH_LENGTH) {
      throw new IllegalArgumentException("info hash must be 20 bytes: " + infoHash.length);
    }
    if (peerId.length != UdpProtocol.PEER_ID_LENGTH) {
      throw new IllegalArgumentException("peer id must be 20 bytes: " + peerId.length);
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** A typical announce: nothing downloaded or uploaded, key 0, tracker-default peer count. */
  public static UdpAnnounceRequest of(
      byte[] infoHash, byte[] peerId, int port, UdpAnnounceEvent event, long left) {
    return new UdpAnnounceRequest(
        infoHash, peerId, 0, left, 0, event.wireValue(), 0, 0, -1, port, null);
  }

  /** A copy with BEP 41 URLData. */
  public UdpAnnounceRequest withUrlData(byte @Nullable [] newUrlData) {
    return new UdpAnnounceRequest(
        infoHash, peerId, downloaded, left, uploaded, event, ipAddress, key, numWant, port,
        newUrlData);
  }
}
