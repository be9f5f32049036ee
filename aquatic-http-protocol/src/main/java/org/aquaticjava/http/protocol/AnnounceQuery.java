package org.aquaticjava.http.protocol;

/**
 * The announce parameters of the last request target that parsed as {@link HttpParseOutcome#ANNOUNCE},
 * part of a reusable {@link HttpQuery}. Not thread-safe; overwritten by every parse. The arrays
 * returned are owned by this slot: copy what must outlive the next parse.
 *
 * <table>
 *   <caption>Parameters (protocols.md §3.2) and how they are read</caption>
 *   <tr><th>Key</th><th>Rule</th><th>When absent</th></tr>
 *   <tr><td>{@code info_hash}, {@code peer_id}</td><td>percent-decoded to exactly 20 bytes</td>
 *       <td>failure</td></tr>
 *   <tr><td>{@code port}</td><td>decimal 1..65535; 0 is refused like UDP does (a peer nobody can
 *       reach)</td><td>failure</td></tr>
 *   <tr><td>{@code uploaded}, {@code downloaded}, {@code left}</td><td>signed 64-bit decimal; a
 *       negative {@code left} means unknown and counts as a leecher</td><td>0, 0, -1</td></tr>
 *   <tr><td>{@code event}</td><td>{@code started|stopped|completed|paused|empty}; anything else is
 *       {@link HttpAnnounceEvent#NONE} with {@link #unknownEvent()} set</td><td>NONE</td></tr>
 *   <tr><td>{@code numwant}</td><td>signed decimal; ≤ 0 means the tracker default, clamped to
 *       {@link Integer#MAX_VALUE}</td><td>0 (default)</td></tr>
 *   <tr><td>{@code compact}</td><td>{@code 0} asks for a dictionary peer list; any other value
 *       for compact</td><td>compact</td></tr>
 *   <tr><td>{@code no_peer_id}</td><td>any value but {@code 0} omits peer ids from dictionary
 *       lists</td><td>false</td></tr>
 *   <tr><td>{@code key}</td><td>percent-decoded, at most {@value #KEY_CAPACITY} bytes</td>
 *       <td>empty</td></tr>
 * </table>
 *
 * A parameter given twice keeps its last value; unknown parameters ({@code ip}, {@code ipv4},
 * {@code trackerid}, {@code corrupt}, ...) are ignored.
 */
public final class AnnounceQuery {
  /** Most decoded {@code key} bytes accepted (aquatic's limit). */
  public static final int KEY_CAPACITY = 100;
  /** {@link #left()} when the client did not say: unknown, a leecher. */
  public static final long LEFT_UNKNOWN = -1;

  private final byte[] peerId = new byte[InfoHashes.LENGTH];
  private final byte[] key = new byte[KEY_CAPACITY];
  private long infoHashA;
  private long infoHashB;
  private int infoHashC;
  private int port;
  private long uploaded;
  private long downloaded;
  private long left;
  private HttpAnnounceEvent event = HttpAnnounceEvent.NONE;
  private boolean unknownEvent;
  private int numWant;
  private boolean compact;
  private boolean noPeerId;
  private int keyLength;

  // ---- written by the parser (same package) ----

  void reset() {
    port = 0;
    uploaded = 0;
    downloaded = 0;
    left = LEFT_UNKNOWN;
    event = HttpAnnounceEvent.NONE;
    unknownEvent = false;
    numWant = 0;
    compact = true;
    noPeerId = false;
    keyLength = 0;
  }

  void infoHash(long a, long b, int c) {
    infoHashA = a;
    infoHashB = b;
    infoHashC = c;
  }

  byte[] peerIdBuffer() {
    return peerId;
  }

  byte[] keyBuffer() {
    return key;
  }

  void keyLength(int length) {
    keyLength = length;
  }

  void port(int value) {
    port = value;
  }

  void uploaded(long value) {
    uploaded = value;
  }

  void downloaded(long value) {
    downloaded = value;
  }

  void left(long value) {
    left = value;
  }

  void event(HttpAnnounceEvent value, boolean unknown) {
    event = value;
    unknownEvent = unknown;
  }

  void numWant(long value) {
    numWant = value <= 0 ? 0 : (int) Math.min(value, Integer.MAX_VALUE);
  }

  void compact(boolean value) {
    compact = value;
  }

  void noPeerId(boolean value) {
    noPeerId = value;
  }

  // ---- read by the server ----

  /** Info hash bytes 0-7, big-endian. */
  public long infoHashA() {
    return infoHashA;
  }

  /** Info hash bytes 8-15, big-endian. */
  public long infoHashB() {
    return infoHashB;
  }

  /** Info hash bytes 16-19, big-endian. */
  public int infoHashC() {
    return infoHashC;
  }

  /** The 20-byte peer id; owned by this slot and overwritten by the next parse. */
  public byte[] peerId() {
    return peerId;
  }

  /** The listen port, 1..65535. */
  public int port() {
    return port;
  }

  /** Bytes uploaded as sent (0 when absent); trackers do not use it. */
  public long uploaded() {
    return uploaded;
  }

  /** Bytes downloaded as sent (0 when absent); trackers do not use it. */
  public long downloaded() {
    return downloaded;
  }

  /** Bytes left: 0 is a seeder; negative ({@link #LEFT_UNKNOWN} when absent) is an unknown leecher. */
  public long left() {
    return left;
  }

  /** The event; {@link HttpAnnounceEvent#NONE} also for unknown values (see {@link #unknownEvent()}). */
  public HttpAnnounceEvent event() {
    return event;
  }

  /** Whether {@code event} had a value this parser does not know; counted, then announced as NONE. */
  public boolean unknownEvent() {
    return unknownEvent;
  }

  /** Peers wanted: 0 means the tracker's default; the server clamps to its maximum. */
  public int numWant() {
    return numWant;
  }

  /** False only for {@code compact=0}: the client asked for a dictionary peer list. */
  public boolean compact() {
    return compact;
  }

  /** Whether dictionary peer lists should leave out {@code peer id}. */
  public boolean noPeerId() {
    return noPeerId;
  }

  /** Bytes of {@link #key()} that are valid; 0 when the client sent none. */
  public int keyLength() {
    return keyLength;
  }

  /** The decoded {@code key}, valid up to {@link #keyLength()}; owned by this slot. */
  public byte[] key() {
    return key;
  }
}
