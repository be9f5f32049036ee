package org.aquaticjava.http.protocol;

import org.jspecify.annotations.Nullable;

/**
 * An announce as a client sends it (client side: load tester, test client), for {@link
 * HttpAnnounceRequestWriter}. Immutable once built; the arrays are not copied, so do not modify
 * them afterwards.
 *
 * @param path the announce path, e.g. {@code /announce}; written as given
 * @param infoHash 20 bytes
 * @param peerId 20 bytes
 * @param port listen port 0..65535 (0 is sendable, to test the tracker's refusal)
 * @param event {@link HttpAnnounceEvent#NONE} leaves the parameter out
 * @param numWant peers wanted; negative leaves the parameter out
 * @param compact false sends {@code compact=0}, true {@code compact=1}
 * @param noPeerId true sends {@code no_peer_id=1}
 * @param key the {@code key} parameter's bytes (percent-encoded as needed), or {@code null}
 */
public record HttpAnnounceRequest(
    String path,
    byte[] infoHash,
    byte[] peerId,
    int port,
    long uploaded,
    long downloaded,
    long left,
    HttpAnnounceEvent event,
    int numWant,
    boolean compact,
    boolean noPeerId,
    byte @Nullable [] key) {

  public HttpAnnounceRequest {
    if (infoHash.length != InfoHashes.LENGTH) {
      throw new IllegalArgumentException("info hash must be 20 bytes: " + infoHash.length);
    }
    if (peerId.length != InfoHashes.LENGTH) {
      throw new IllegalArgumentException("peer id must be 20 bytes: " + peerId.length);
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * A libtorrent-like announce to {@code /announce}: nothing transferred, tracker-default peer
   * count, compact, no peer ids, no key.
   */
  public static HttpAnnounceRequest of(
      byte[] infoHash, byte[] peerId, int port, HttpAnnounceEvent event, long left) {
    return new HttpAnnounceRequest(
        HttpQueryParser.DEFAULT_ANNOUNCE_PATH, infoHash, peerId, port, 0, 0, left, event, -1, true,
        true, null);
  }
}
