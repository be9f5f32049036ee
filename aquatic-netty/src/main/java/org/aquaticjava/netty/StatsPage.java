package org.aquaticjava.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link StatsSnapshot} as {@code /stats.json} and as the {@code /stats} page. The field
 * names of the JSON are documented in the README; the page shows the same numbers, each cell with
 * an {@code id} named like its JSON path ({@code bittorrent-ipv4-peers}, {@code
 * requests-per-second-udp}) so that scripts and tests can find them.
 */
final class StatsPage {
  private StatsPage() {}

  /** Rates are shown and served with two decimals. */
  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.2f", perSecond);
  }

  /** The running protocols, in {@link RequestRates#PROTOCOLS} order, with their array index. */
  private static List<Integer> running(StatsSnapshot s) {
    final List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < RequestRates.PROTOCOLS.size(); i++) {
      final String protocol = RequestRates.PROTOCOLS.get(i);
      if (s.protocols().stream().anyMatch(p -> p.protocol().equals(protocol))) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  static String json(StatsSnapshot s) {
    final StringBuilder out = new StringBuilder(2048);
    out.append("{\"version\":").append(quote(s.version()));
    out.append(",\"started_at\":").append(quote(s.startedAt().toString()));
    out.append(",\"uptime_seconds\":").append(s.uptimeSeconds());
    out.append(",\"protocols\":[");
    for (int i = 0; i < s.protocols().size(); i++) {
      final ServedProtocol p = s.protocols().get(i);
      out.append(i == 0 ? "" : ",").append("{\"protocol\":").append(quote(p.protocol()));
      out.append(",\"addresses\":").append(strings(p.addresses()));
      out.append(",\"socket_workers\":").append(p.socketWorkers());
      out.append(",\"transport\":").append(quote(p.transport())).append('}');
    }
    out.append("],\"swarms\":{");
    boolean first = true;
    for (Map.Entry<String, StatsSnapshot.SwarmSet> e : s.swarms().entrySet()) {
      final StatsSnapshot.SwarmSet set = e.getValue();
      out.append(first ? "" : ",").append(quote(e.getKey())).append(":{");
      out.append("\"protocols\":").append(strings(set.protocols()));
      out.append(",\"counted\":").append(quote(set.counted()));
      out.append(",\"ipv4\":");
      family(out, set.ipv4());
      out.append(",\"ipv6\":");
      family(out, set.ipv6());
      out.append('}');
      first = false;
    }
    out.append("},\"totals\":");
    family(out, s.total());
    final RequestRates.Rates r = s.rates();
    out.append(",\"rate_window_seconds\":").append(rate(r.windowSeconds()));
    perProtocol(out.append(",\"requests_per_second\":"), s, r.requestsPerSecond(), true);
    perProtocol(out.append(",\"responses_per_second\":"), s, r.responsesPerSecond(), true);
    perProtocol(out.append(",\"requests_total\":"), s, r.requestsTotal(), false);
    perProtocol(out.append(",\"responses_total\":"), s, r.responsesTotal(), false);
    final ProtectionCounts p = s.protection();
    perProtocol(out.append(",\"shedding_workers\":"), s, p.sheddingWorkers(), false);
    perProtocol(out.append(",\"shed_total\":"), s, p.shedTotal(), false);
    perProtocol(out.append(",\"bans_total\":"), s, p.bansTotal(), false);
    perProtocol(out.append(",\"limit_hits_total\":"), s, p.limitHitsTotal(), false);
    out.append(",\"config\":{");
    first = true;
    for (Map.Entry<String, String> e : s.config().entrySet()) {
      out.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
      first = false;
    }
    out.append('}');
    if (s.top() != null) {
      out.append(",\"top\":[");
      for (int i = 0; i < s.top().size(); i++) {
        final StatsSnapshot.Busy busy = s.top().get(i);
        out.append(i == 0 ? "" : ",").append("{\"info_hash\":").append(quote(busy.torrent().infoHash()));
        out.append(",\"swarms\":").append(quote(busy.swarms()));
        out.append(",\"family\":").append(quote(busy.family()));
        out.append(",\"peers\":").append(busy.torrent().peers());
        out.append(",\"seeders\":").append(busy.torrent().seeders());
        out.append(",\"leechers\":").append(busy.torrent().leechers()).append('}');
      }
      out.append(']');
    }
    return out.append('}').toString();
  }

  private static void family(StringBuilder out, StatsSnapshot.Family f) {
    out.append("{\"torrents\":").append(f.torrents());
    out.append(",\"peers\":").append(f.peers());
    out.append(",\"seeders\":").append(f.seeders());
    out.append(",\"leechers\":").append(f.leechers()).append('}');
  }

  /** {@code {"udp": x, ..., "total": sum}} over the running protocols. */
  private static void perProtocol(
      StringBuilder out, StatsSnapshot s, double[] values, boolean isRate) {
    out.append('{');
    double total = 0;
    for (int i : running(s)) {
      out.append(quote(RequestRates.PROTOCOLS.get(i))).append(':').append(number(values[i], isRate))
          .append(',');
      total += values[i];
    }
    out.append("\"total\":").append(number(total, isRate)).append('}');
  }

  private static String number(double value, boolean isRate) {
    return isRate ? rate(value) : Long.toString((long) value);
  }

  private static String strings(List<String> values) {
    final StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ",").append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  /** A JSON string literal (RFC 8259: quote, backslash and control characters escaped). */
  static String quote(String value) {
    final StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String html(StatsSnapshot s) {
    final StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"10\">")
        .append("<title>aquatic-java stats</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin-bottom:1.5em}")
        .append("th,td{border:1px solid #ccc;padding:.3em .7em;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}")
        .append("</style></head><body>\n<h1>aquatic-java stats</h1>\n");
    out.append("<p>Version <span id=\"version\">").append(escape(s.version()))
        .append("</span>, up <span id=\"uptime-seconds\">").append(s.uptimeSeconds())
        .append("</span> s (").append(escape(duration(s.uptimeSeconds())))
        .append("), since <span id=\"started-at\">").append(escape(s.startedAt().toString()))
        .append("</span>. Refreshes every 10 s; the same as JSON: <a href=\"stats.json\">")
        .append("stats.json</a>.</p>\n");

    out.append("<h2>Swarms</h2>\n<table id=\"swarms\"><tr><th>Swarms</th><th>Protocols</th>")
        .append("<th>Family</th><th>Torrents</th><th>Peers</th><th>Seeders</th><th>Leechers</th>")
        .append("<th>Counted</th></tr>\n");
    for (Map.Entry<String, StatsSnapshot.SwarmSet> e : s.swarms().entrySet()) {
      final StatsSnapshot.SwarmSet set = e.getValue();
      familyRow(out, e.getKey(), set, "ipv4", set.ipv4());
      familyRow(out, e.getKey(), set, "ipv6", set.ipv6());
    }
    familyCells(out.append("<tr><th>all</th><td></td><td></td>"), "totals", s.total());
    out.append("<td></td></tr>\n</table>\n");

    final RequestRates.Rates r = s.rates();
    out.append("<h2>Requests</h2>\n<p>Per second over the last <span id=\"rate-window-seconds\">")
        .append(rate(r.windowSeconds())).append("</span> s.</p>\n")
        .append("<table id=\"requests\"><tr><th>Protocol</th><th>Requests/s</th>")
        .append("<th>Responses/s</th><th>Requests since start</th>")
        .append("<th>Responses since start</th></tr>\n");
    final double[] sums = new double[4];
    for (int i : running(s)) {
      requestRow(out, RequestRates.PROTOCOLS.get(i), r.requestsPerSecond()[i],
          r.responsesPerSecond()[i], r.requestsTotal()[i], r.responsesTotal()[i]);
      sums[0] += r.requestsPerSecond()[i];
      sums[1] += r.responsesPerSecond()[i];
      sums[2] += r.requestsTotal()[i];
      sums[3] += r.responsesTotal()[i];
    }
    requestRow(out, "total", sums[0], sums[1], sums[2], sums[3]);
    out.append("</table>\n");

    final ProtectionCounts counts = s.protection();
    out.append("<h2>Abuse and overload</h2>\n<table id=\"protection\"><tr><th>Protocol</th>")
        .append("<th>Socket workers shedding</th><th>Requests shed</th><th>Bans</th>")
        .append("<th>Limit hits</th></tr>\n");
    final double[] protectionSums = new double[4];
    for (int i : running(s)) {
      protectionRow(out, RequestRates.PROTOCOLS.get(i), counts.sheddingWorkers()[i],
          counts.shedTotal()[i], counts.bansTotal()[i], counts.limitHitsTotal()[i]);
      protectionSums[0] += counts.sheddingWorkers()[i];
      protectionSums[1] += counts.shedTotal()[i];
      protectionSums[2] += counts.bansTotal()[i];
      protectionSums[3] += counts.limitHitsTotal()[i];
    }
    protectionRow(out, "total", protectionSums[0], protectionSums[1], protectionSums[2],
        protectionSums[3]);
    out.append("</table>\n");

    out.append("<h2>Listeners</h2>\n<table id=\"protocols\"><tr><th>Protocol</th>")
        .append("<th>Addresses</th><th>Socket workers</th><th>Transport</th></tr>\n");
    for (ServedProtocol p : s.protocols()) {
      final String id = "protocol-" + p.protocol();
      out.append("<tr id=\"").append(id).append("\"><td>").append(escape(p.protocol()))
          .append("</td><td id=\"").append(id).append("-addresses\">")
          .append(escape(String.join(" ", p.addresses())))
          .append("</td><td id=\"").append(id).append("-socket-workers\">").append(p.socketWorkers())
          .append("</td><td id=\"").append(id).append("-transport\">").append(escape(p.transport()))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
    if (s.top() != null) {
      busiest(out, s.top());
    }
    out.append("<h2>Config</h2>\n<table id=\"config\">\n");
    for (Map.Entry<String, String> e : s.config().entrySet()) {
      out.append("<tr><td>").append(escape(e.getKey())).append("</td><td id=\"config-")
          .append(escape(e.getKey().replace('.', '-').replace('_', '-'))).append("\">")
          .append(escape(e.getValue())).append("</td></tr>\n");
    }
    return out.append("</table>\n</body></html>\n").toString();
  }

  /** The {@code ?top=N} table; cells named {@code top-<rank>-<field>}, rank from 1. */
  private static void busiest(StringBuilder out, List<StatsSnapshot.Busy> top) {
    out.append("<h2>Busiest torrents</h2>\n<p>As of each set of swarms' latest cleaning.</p>\n")
        .append("<table id=\"top\"><tr><th>Info hash</th><th>Swarms</th><th>Family</th>")
        .append("<th>Peers</th><th>Seeders</th><th>Leechers</th></tr>\n");
    for (int i = 0; i < top.size(); i++) {
      final StatsSnapshot.Busy busy = top.get(i);
      final String id = "top-" + (i + 1);
      out.append("<tr>");
      cell(out, id + "-info-hash", busy.torrent().infoHash());
      cell(out, id + "-swarms", escape(busy.swarms()));
      cell(out, id + "-family", busy.family());
      cell(out, id + "-peers", Integer.toString(busy.torrent().peers()));
      cell(out, id + "-seeders", Integer.toString(busy.torrent().seeders()));
      cell(out, id + "-leechers", Integer.toString(busy.torrent().leechers()));
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static void familyRow(
      StringBuilder out, String name, StatsSnapshot.SwarmSet set, String family,
      StatsSnapshot.Family f) {
    out.append("<tr><td>").append(escape(name)).append("</td><td>")
        .append(escape(String.join(", ", set.protocols()))).append("</td><td>").append(family)
        .append("</td>");
    familyCells(out, name + "-" + family, f);
    out.append("<td>").append(set.counted().equals("live") ? "live" : "at the latest cleaning")
        .append("</td></tr>\n");
  }

  private static void familyCells(StringBuilder out, String id, StatsSnapshot.Family f) {
    cell(out, id + "-torrents", Long.toString(f.torrents()));
    cell(out, id + "-peers", Long.toString(f.peers()));
    cell(out, id + "-seeders", Long.toString(f.seeders()));
    cell(out, id + "-leechers", Long.toString(f.leechers()));
  }

  private static void requestRow(
      StringBuilder out, String protocol, double requests, double responses, double requestsTotal,
      double responsesTotal) {
    out.append("<tr><td>").append(protocol).append("</td>");
    cell(out, "requests-per-second-" + protocol, rate(requests));
    cell(out, "responses-per-second-" + protocol, rate(responses));
    cell(out, "requests-total-" + protocol, Long.toString((long) requestsTotal));
    cell(out, "responses-total-" + protocol, Long.toString((long) responsesTotal));
    out.append("</tr>\n");
  }

  private static void protectionRow(
      StringBuilder out, String protocol, double shedding, double shed, double bans,
      double limitHits) {
    out.append("<tr><td>").append(protocol).append("</td>");
    cell(out, "shedding-workers-" + protocol, Long.toString((long) shedding));
    cell(out, "shed-total-" + protocol, Long.toString((long) shed));
    cell(out, "bans-total-" + protocol, Long.toString((long) bans));
    cell(out, "limit-hits-total-" + protocol, Long.toString((long) limitHits));
    out.append("</tr>\n");
  }

  private static void cell(StringBuilder out, String id, String value) {
    out.append("<td id=\"").append(id).append("\">").append(value).append("</td>");
  }

  /** {@code 1d 2h 3m 4s}, leading zero units left out. */
  static String duration(long seconds) {
    final long days = seconds / 86_400;
    final long hours = seconds / 3600 % 24;
    final long minutes = seconds / 60 % 60;
    final StringBuilder out = new StringBuilder();
    if (days > 0) {
      out.append(days).append("d ");
    }
    if (days > 0 || hours > 0) {
      out.append(hours).append("h ");
    }
    if (days > 0 || hours > 0 || minutes > 0) {
      out.append(minutes).append("m ");
    }
    return out.append(seconds % 60).append('s').toString();
  }

  /** Text for HTML content and attribute values. */
  static String escape(String text) {
    final StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
