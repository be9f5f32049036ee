package org.aquaticjava.core.config;

/**
 * The {@code [stats]} section, shared by every protocol: a page for people ({@code GET /stats})
 * and the same numbers as JSON ({@code GET /stats.json}), served from counters the tracker keeps
 * anyway. Off by default in {@code aquatic udp|http|ws}; on in {@code aquatic all} on a loopback
 * address ({@link #LOOPBACK_DEFAULT}).
 */
@Doc("Stats page: GET /stats (HTML) and GET /stats.json (the same as JSON).")
public record StatsConfig(
    @Doc("Serve the stats page.") boolean enabled,
    @Doc(
            "Address and port of the stats page. It shows the config summary and load figures:"
                + " keep it on loopback or behind a proxy that restricts access.")
        @SocketAddressKey
        String address) {

  /**
   * Off; once enabled, on loopback port 3003: next to the trackers' 3000 to 3002 of {@code aquatic
   * all}, and clear of the Prometheus family's ports (9090 to 9100: node exporter, Alertmanager).
   */
  public static final StatsConfig DEFAULTS = new StatsConfig(false, "127.0.0.1:3003");

  /** On, loopback only: the default of {@code aquatic all}. */
  public static final StatsConfig LOOPBACK_DEFAULT = new StatsConfig(true, "127.0.0.1:3003");
}
