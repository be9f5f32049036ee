package org.aquaticjava.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tracker replies out of an aria2c 1.36 log, for UDP trackers (info level: one line per
 * reply) and HTTP(S) trackers (debug level: the request, then the processing of the response).
 * Stateless.
 *
 * <p>An HTTP reply is attributed to the last request logged before it: aria2c has at most one
 * tracker request in flight per torrent, and the clients of the end-to-end test run one torrent.
 * Requests that failed without a tracker answer (connection or TLS errors) are not replies.
 */
final class Aria2TrackerLog {
  private static final Pattern UDP_ANNOUNCE =
      Pattern.compile(
          "UDPT received ANNOUNCE reply from (\\S+) .*infohash=([0-9a-f]{40}),"
              + ".* seeders=(\\d+), num_peers=(\\d+)");
  private static final Pattern UDP_ERROR =
      Pattern.compile("UDPT received ERROR reply from (\\S+) .*error_string=(.*)$");
  // The request block of HttpConnection.cc: "GET /announce?info_hash=... HTTP/1.1", "Host: ...".
  private static final Pattern HTTP_REQUEST = Pattern.compile("^GET (/\\S*) HTTP/1\\.1$");
  private static final Pattern HTTP_HOST = Pattern.compile("^Host: (\\S+)$");
  private static final Pattern PROCESSING =
      Pattern.compile("\\[DefaultBtAnnounce\\.cc:\\d+] Now processing tracker response\\.$");
  private static final Pattern COMPLETE =
      Pattern.compile("\\[DefaultBtAnnounce\\.cc:\\d+] Complete:(\\d+)$");
  private static final Pattern ADDING_PEER =
      Pattern.compile("\\[DefaultPeerStorage\\.cc:\\d+] Adding peer ");
  // Lines logged while a response is processed (synchronously, so nothing else interleaves).
  private static final Pattern PROCESSING_SOURCE =
      Pattern.compile("\\[(DefaultBtAnnounce|DefaultPeerStorage)\\.cc:\\d+]");
  private static final Pattern LOG_ENTRY = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d ");
  private static final Pattern REQUEST_FAILED =
      Pattern.compile("\\] GID#\\S+ - Tracker request https?://([^/\\s]+)(/\\S*) failed$");
  private static final Pattern FAILURE_REASON =
      Pattern.compile("^Exception: .*Tracker returned failure reason: (.*)$");
  private static final Pattern INFO_HASH_PARAMETER = Pattern.compile("[?&]info_hash=([^&]*)");

  private Aria2TrackerLog() {}

  /** The replies in {@code log}, in the order they were logged. */
  static List<TrackerReply> replies(List<String> log) {
    final List<TrackerReply> replies = new ArrayList<>();
    String requestTarget = "";
    String requestHost = "";
    HttpResponse processing = null; // a response being processed, not yet known to be a refusal
    String failedTarget = null; // "host target" of a failed request, awaiting its exception line
    for (String line : log) {
      if (processing != null
          && LOG_ENTRY.matcher(line).find()
          && !PROCESSING_SOURCE.matcher(line).find()
          && !REQUEST_FAILED.matcher(line).find()) {
        replies.add(processing.reply());
        processing = null;
      }
      Matcher m;
      if ((m = UDP_ANNOUNCE.matcher(line)).find()) {
        replies.add(
            TrackerReply.announced(
                m.group(1),
                m.group(2),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))));
      } else if ((m = UDP_ERROR.matcher(line)).find()) {
        replies.add(TrackerReply.refused(m.group(1), Optional.empty(), m.group(2)));
      } else if ((m = HTTP_REQUEST.matcher(line)).find()) {
        requestTarget = m.group(1);
      } else if ((m = HTTP_HOST.matcher(line)).find()) {
        requestHost = m.group(1);
      } else if (PROCESSING.matcher(line).find()) {
        processing = new HttpResponse(requestHost, infoHash(requestTarget));
      } else if (processing != null && (m = COMPLETE.matcher(line)).find()) {
        processing.seeders = Integer.parseInt(m.group(1));
      } else if (processing != null && ADDING_PEER.matcher(line).find()) {
        processing.peers++;
      } else if ((m = REQUEST_FAILED.matcher(line)).find()) {
        processing = null; // the response it was processing was a refusal (or unreadable)
        failedTarget = m.group(1) + " " + m.group(2);
        continue;
      } else if (failedTarget != null && (m = FAILURE_REASON.matcher(line)).find()) {
        final int space = failedTarget.indexOf(' ');
        replies.add(
            TrackerReply.refused(
                failedTarget.substring(0, space),
                Optional.of(infoHash(failedTarget.substring(space + 1))),
                m.group(1)));
      }
      failedTarget = null;
    }
    if (processing != null) {
      replies.add(processing.reply());
    }
    return replies;
  }

  /** The {@code info_hash} of a request target, percent-decoded, in lower-case hex ("" if none). */
  static String infoHash(String target) {
    final Matcher m = INFO_HASH_PARAMETER.matcher(target);
    if (!m.find()) {
      return "";
    }
    final String encoded = m.group(1);
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(20);
    for (int i = 0; i < encoded.length(); i++) {
      final char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  /** An HTTP response whose processing has been logged so far. */
  private static final class HttpResponse {
    private final String tracker;
    private final String infoHash;
    private int seeders;
    private int peers;

    HttpResponse(String tracker, String infoHash) {
      this.tracker = tracker;
      this.infoHash = infoHash;
    }

    TrackerReply reply() {
      return TrackerReply.announced(tracker, infoHash, seeders, peers);
    }
  }
}
