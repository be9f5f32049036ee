package org.aquaticjava.loadtest;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.Range;
import org.jspecify.annotations.Nullable;

/**
 * The {@code [sources]} section of every load tester (UDP, HTTP, WebSocket): which loopback source
 * addresses its sockets come from. By default the kernel picks (127.0.0.1 towards a
 * 127.0.0.1 target), so the whole run is one source to a tracker's per-source limits; with an
 * address block, connections are bound to its addresses ({@link SourceAddressRange}), so a
 * well-behaved population spreads over many sources, or an abuser sits on exactly one.
 *
 * @param addressBlock IPv4 block inside 127.0.0.0/8, or "" for the kernel's choice
 * @param addresses how many addresses of the block, from its first; 0 = all of it
 */
@Doc(
    "Source addresses of the connections. Linux answers on every address of 127.0.0.0/8, so one"
        + " load tester can look like many clients to a tracker's per-source limits ([rate_limit]),"
        + " or like one abusive client or a spoofed flood.")
public record SourcesConfig(
    @Doc(
            "IPv4 block inside 127.0.0.0/8 to bind sockets to, e.g. \"127.1.0.0/16\" (a bare"
                + " address is one source). Lasting sockets (UDP sockets, HTTP keep-alive"
                + " connections, WebSocket peers) get one address each, in turn (socket i the"
                + " address i, wrapping around; UDP socket n of worker w is socket"
                + " w * sockets_per_worker + n), and keep it when they reconnect; a new socket per"
                + " request (UDP mode = connect_flood, HTTP keep_alive = false, WebSocket"
                + " requests_per_connection) takes the next address. Addresses ending in .255 are"
                + " skipped (the JDK refuses to bind them). \"\": the kernel picks (127.0.0.1),"
                + " one source. Needs an IPv4 server_address.")
        String addressBlock,
    @Doc("Addresses of address_block to use, from its first; 0 = all of the block's usable ones.")
        @Range(min = 0, max = 16_777_216)
        int addresses) {

  public static final SourcesConfig DEFAULTS = new SourcesConfig("", 0);

  /** The addresses to bind to, or null when the kernel picks. */
  public @Nullable SourceAddressRange range() {
    return addressBlock.isEmpty() ? null : SourceAddressRange.parse("sources.address_block", addressBlock, addresses);
  }

  /**
   * Refuses a source block towards an IPv6 target (the block's addresses are IPv4), once for every
   * load tester at start.
   *
   * @throws IllegalArgumentException naming the keys
   */
  public void checkTarget(InetSocketAddress target) {
    if (range() != null && !(target.getAddress() instanceof Inet4Address)) {
      throw new IllegalArgumentException(
          "sources.address_block binds to IPv4 addresses: server_address must be IPv4, got "
              + target);
    }
  }

  /** What is wrong with this section; one message per problem, naming the key. */
  public List<String> problems() {
    final List<String> problems = new ArrayList<>();
    if (addressBlock.isEmpty()) {
      if (addresses != 0) {
        problems.add("sources.addresses needs sources.address_block");
      }
      return problems;
    }
    final String problem = SourceAddressRange.problem("sources.address_block", addressBlock, addresses);
    if (problem != null) {
      problems.add(problem);
    }
    return problems;
  }

  /** The start-up line's description: "kernel-chosen source" or the range. */
  public String describe() {
    final SourceAddressRange range = range();
    return range == null ? "source chosen by the kernel" : "sources: " + range;
  }
}
