package org.aquaticjava.udp.protocol;

/**
 * BEP 15 constants: the connect magic, action codes and fixed message sizes.
 *
 * <pre>
 * request                      bytes          response                     bytes
 * connect                      16             connect                      16
 * announce                     98 + options   announce                     20 + 6n (v4) / 20 + 18n (v6)
 * scrape                       16 + 20n       scrape                       8 + 12n
 *                                             error                        8 + message
 * </pre>
 */
public final class UdpProtocol {
  /** The magic {@code protocol_id} that opens every connect request. */
  public static final long PROTOCOL_ID = 0x41727101980L;

  public static final int ACTION_CONNECT = 0;
  public static final int ACTION_ANNOUNCE = 1;
  public static final int ACTION_SCRAPE = 2;
  public static final int ACTION_ERROR = 3;

  /** Length of a connect request; also the shortest datagram any request can be. */
  public static final int CONNECT_REQUEST_LENGTH = 16;
  /** Fixed part of an announce request; BEP 41 options may follow. */
  public static final int ANNOUNCE_REQUEST_MIN_LENGTH = 98;
  /** Scrape request header before the info hashes. */
  public static final int SCRAPE_REQUEST_HEADER_LENGTH = 16;

  public static final int INFO_HASH_LENGTH = 20;
  public static final int PEER_ID_LENGTH = 20;

  public static final int CONNECT_RESPONSE_LENGTH = 16;
  public static final int ANNOUNCE_RESPONSE_HEADER_LENGTH = 20;
  public static final int IPV4_PEER_LENGTH = 6;
  public static final int IPV6_PEER_LENGTH = 18;
  public static final int SCRAPE_RESPONSE_HEADER_LENGTH = 8;
  public static final int SCRAPE_ENTRY_LENGTH = 12;
  public static final int ERROR_RESPONSE_HEADER_LENGTH = 8;

  private UdpProtocol() {}

  /** Bytes of an announce response carrying {@code peers} peers of the given family. */
  public static int announceResponseLength(AddressFamily family, int peers) {
    return ANNOUNCE_RESPONSE_HEADER_LENGTH + peers * family.peerLength();
  }

  /** Bytes of a scrape response with {@code entries} entries. */
  public static int scrapeResponseLength(int entries) {
    return SCRAPE_RESPONSE_HEADER_LENGTH + entries * SCRAPE_ENTRY_LENGTH;
  }
}
