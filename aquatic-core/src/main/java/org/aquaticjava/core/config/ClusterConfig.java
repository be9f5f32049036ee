package org.aquaticjava.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code [cluster]} section of the UDP and HTTP trackers: several nodes that share every swarm
 * ({@code aquatic-cluster}). Off by default.
 */
@Doc(
    "Cluster: several nodes share every UDP and HTTP swarm. Each node answers from its own copy;"
        + " the swarm changes it makes reach the others within about batch_interval_ms. WebTorrent"
        + " swarms stay per node.")
public record ClusterConfig(
    @Doc("Join a cluster.") boolean enabled,
    @Doc("Cluster name: only nodes of the same name join each other.") String name,
    @Doc(
            "Address and TCP port this node listens on for the other nodes (host:port; not"
                + " 0.0.0.0: the other nodes connect to it as given).")
        @SocketAddressKey
        String bindAddress,
    @Doc(
            "The other nodes' bind_address (host:port), tried at start and when a node is lost;"
                + " this node's own may be listed too, so every node can share one list. No"
                + " multicast is needed.")
        List<String> members,
    @Doc(
            "Shared secret, at least 16 characters: authenticates and encrypts all traffic"
                + " between nodes; a node with another secret cannot join or inject changes.")
        String secret,
    @Doc("Swarm changes per batch (one batch per shard fills, then is sent).")
        @Range(min = 1, max = 4_096)
        int batchSize,
    @Doc("Milliseconds at most before a part-filled batch is sent.")
        @Range(min = 1, max = 10_000)
        int batchIntervalMs,
    @Doc(
            "Batches waiting to be sent; when it is full (the network or the other nodes are"
                + " too slow), changes are dropped and counted, and announces never wait.")
        @Range(min = 1, max = 1_000_000)
        int queueSize,
    @Doc(
            "Milliseconds a starting node waits for the others' swarms (state transfer) before"
                + " it gives up with an error.")
        @Range(min = 100, max = 3_600_000)
        int joinTimeoutMs) {

  /** The shortest secret accepted. */
  public static final int MIN_SECRET_LENGTH = 16;

  public static final ClusterConfig DEFAULTS =
      new ClusterConfig(false, "aquatic", "127.0.0.1:7800", List.of(), "", 64, 100, 1_024, 60_000);

  public ClusterConfig {
    members = List.copyOf(members);
    if (enabled) {
      final List<String> problems = new ArrayList<>();
      if (secret.length() < MIN_SECRET_LENGTH) {
        problems.add("secret must have at least " + MIN_SECRET_LENGTH + " characters when enabled is true");
      }
      if (name.isBlank()) {
        problems.add("name must not be empty");
      }
      for (String member : members) {
        try {
          HostPort.parse(member);
        } catch (IllegalArgumentException e) {
          problems.add("members: " + e.getMessage());
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("\n", problems));
      }
    }
  }

  /** The members as host and port, parsed. */
  public List<HostPort> memberAddresses() {
    return members.stream().map(HostPort::parse).toList();
  }
}
