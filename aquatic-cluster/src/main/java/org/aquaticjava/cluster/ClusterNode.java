package org.aquaticjava.cluster;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.persist.SnapshotReader;
import org.aquaticjava.core.persist.SnapshotWriter;
import org.aquaticjava.core.persist.WarmRestart;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.SwarmStore;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.PingData;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.pbcast.STATE;
import org.jgroups.stack.Protocol;
import org.jgroups.util.Responses;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a cluster of trackers that share every UDP and HTTP swarm. Each node keeps its whole
 * store and answers every request from it, as a single tracker does; what its clients' announces
 * change is batched per shard ({@link ShardBatches}) and sent to the other nodes by one sending
 * thread, which apply it to their stores. Consistency is eventual: another node sees a change
 * within about {@code batch_interval_ms} plus the network's delay.
 *
 * <p><b>Joining.</b> {@link #start} joins the group before the tracker binds its sockets. A node
 * that finds others receives the coordinator's swarms by JGroups state transfer, in the snapshot
 * format of warm restart ({@link WarmRestart#fromTransfer}): it continues the cluster's server
 * clock and takes its connection-id key, so announce times, peer ages and UDP connection ids mean
 * the same on every node. The first node starts from its own snapshot, if any. Changes that arrive
 * while the state is on its way are held (up to {@code queue_size} batches) and applied after it.
 *
 * <p><b>Transport.</b> JGroups over TCP (no multicast): TCPPING finds the {@code members}, FD_SOCK2
 * and FD_ALL3 detect a failed node (a frozen one is excluded after about 8 s, until then sending to
 * it may block the sending thread, never an announce), SYM_ENCRYPT encrypts everything with an
 * AES key derived from the secret, and every batch carries an HMAC ({@link BatchSeal}).
 *
 * <p>Thread-safe.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
  /** Failure detection: a node that sends no heartbeat for this long is suspected. */
  private static final long FAILURE_TIMEOUT_MILLIS = 8_000;
  /** How long a node that found itself alone asks the members once more who is there. */
  private static final long DISCOVERY_CHECK_MILLIS = 1_000;

  /** Makes the swarms to serve: from the cluster's state, or this node's own. */
  public interface Swarms {
    /** From a snapshot streamed by another node; throws if it is not a whole snapshot. */
    WarmRestart fromTransfer(SnapshotReader reader, String source) throws IOException;

    /** This node's own (its snapshot if persistence is on, else empty): it is the first node. */
    WarmRestart local();
  }

  private final ClusterConfig config;
  private final Swarms swarms;
  private final ClusterMetrics metrics;
  private final JChannel channel;
  private final BatchSeal receivingSeal;
  private final BatchSeal sendingSeal;
  private final ArrayBlockingQueue<byte[]> heldBeforeState;
  private final AnnounceSlot applying = new AnnounceSlot(0);
  private final int[] second = new int[1];
  private final SnapshotWriter stateWriter = new SnapshotWriter();
  private volatile @Nullable WarmRestart serving;
  private volatile @Nullable ShardBatches batches;
  private volatile int members = 1;
  private @Nullable Thread sender;

  private ClusterNode(ClusterConfig config, Swarms swarms, PrometheusRegistry registry, ClusterKeys keys)
      throws Exception {
    this.config = config;
    this.swarms = swarms;
    this.receivingSeal = new BatchSeal(keys.batchMac());
    this.sendingSeal = new BatchSeal(keys.batchMac());
    this.heldBeforeState = new ArrayBlockingQueue<>(config.queueSize());
    this.metrics =
        new ClusterMetrics(
            registry,
            () -> members,
            () -> {
              final ShardBatches b = batches;
              return b == null ? 0 : b.dropped();
            },
            () -> {
              final ShardBatches b = batches;
              return b == null ? 0 : b.queued();
            });
    this.channel = new JChannel(protocols(config, keys, metrics)).setDiscardOwnMessages(true);
    channel.setName(config.bindAddress());
    channel.setReceiver(new GroupReceiver());
  }

  /**
   * Joins the cluster and returns once this node has the swarms to serve: the cluster's (state
   * transfer from the coordinator) or, as the first node, its own. From then on its store's
   * changes are replicated.
   *
   * @throws ConfigException naming {@code cluster.bind_address} if it cannot be bound (in use)
   * @throws Exception if the group cannot be joined or the state does not arrive within {@code
   *     join_timeout_ms} (the tracker must not serve without the swarms)
   */
  public static ClusterNode start(ClusterConfig config, Swarms swarms, PrometheusRegistry registry)
      throws Exception {
    final ClusterKeys keys = ClusterKeys.derive(config.secret(), config.name());
    final ClusterNode node = new ClusterNode(config, swarms, registry, keys);
    try {
      node.join();
    } catch (Exception | Error e) {
      node.channel.close();
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) { // an operator's problem, named as config errors are
          throw new ConfigException(
              List.of("cluster.bind_address: " + config.bindAddress() + " cannot be bound: " + cause.getMessage()));
        }
      }
      throw e;
    }
    return node;
  }

  private void join() throws Exception {
    final long started = System.nanoTime();
    channel.connect(config.name(), null, config.joinTimeoutMs()); // setState runs in here
    WarmRestart restored = serving;
    if (restored == null) {
      refuseToServeAloneBesideOthers();
      restored = swarms.local();
      log.info("cluster {}: first node, serving its own swarms", config.name());
    } else {
      metrics.stateTransferSeconds.set((System.nanoTime() - started) / 1e9);
    }
    final SwarmStore store = restored.store();
    final ShardBatches shardBatches = new ShardBatches(store, config.batchSize(), config.queueSize());
    store.recordChangesTo(shardBatches);
    batches = shardBatches;
    serving = restored;
    for (byte[] held; (held = heldBeforeState.poll()) != null; ) {
      apply(held, 0, held.length);
    }
    final Thread thread = Thread.ofPlatform().name("cluster-send").daemon().unstarted(this::sendLoop);
    sender = thread;
    thread.start();
    log.info(
        "cluster {}: node {} serving with {} members: {}",
        config.name(), config.bindAddress(), members, channel.view().getMembers());
  }

  /**
   * A node that ends up alone although nodes of its cluster answer discovery did not get in:
   * they dropped its JOIN unread because it encrypts with another key (another {@code
   * cluster.secret}; with another {@code cluster.name} they would not have answered). Serving
   * alone would split the swarms without anyone noticing, so the node refuses to start.
   *
   * @throws ConfigException naming {@code cluster.secret}
   */
  private void refuseToServeAloneBesideOthers() throws ConfigException {
    if (channel.view().size() > 1) {
      return;
    }
    final TCPPING discovery = channel.getProtocolStack().findProtocol(TCPPING.class);
    final Responses responses = discovery.findMembers(null, false, false, DISCOVERY_CHECK_MILLIS);
    responses.waitFor(DISCOVERY_CHECK_MILLIS);
    final List<String> others = new ArrayList<>();
    for (PingData answer : responses) {
      if (!answer.getAddress().equals(channel.getAddress())) {
        others.add(String.valueOf(answer.getPhysicalAddr()));
      }
    }
    responses.done();
    if (!others.isEmpty()) {
      throw new ConfigException(
          List.of(
              "cluster.secret: the nodes at "
                  + others
                  + " of cluster \""
                  + config.name()
                  + "\" answer but did not let this node join: its secret differs from theirs"));
    }
  }

  /** The swarms this node serves (restored from the cluster's state or its own). */
  public WarmRestart swarms() {
    final WarmRestart restored = serving;
    if (restored == null) {
      throw new IllegalStateException("not joined");
    }
    return restored;
  }

  /** Members of the cluster as this node sees it, itself included. */
  public int members() {
    return members;
  }

  // ---- sending ----

  private void sendLoop() {
    final ShardBatches shardBatches = batches;
    final long intervalNanos = config.batchIntervalMs() * 1_000_000L;
    long nextFlush = System.nanoTime() + intervalNanos;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        final long wait = nextFlush - System.nanoTime();
        if (wait <= 0) {
          shardBatches.flush();
          nextFlush += intervalNanos;
          continue;
        }
        final ChangeBatch batch = shardBatches.nextReady(Math.max(1, wait / 1_000_000));
        if (batch != null) {
          send(shardBatches, batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close()
    }
  }

  private void send(ShardBatches shardBatches, ChangeBatch batch) {
    final int count = batch.count();
    final byte[] message = sendingSeal.seal(batch, System.currentTimeMillis());
    shardBatches.recycle(batch);
    try {
      channel.send((Address) null, message);
      metrics.sent.add(count);
      metrics.bytesSent.inc(message.length);
    } catch (Exception e) {
      log.warn("cluster {}: a batch of {} changes could not be sent: {}", config.name(), count, e.toString());
    }
  }

  // ---- receiving ----

  private final class GroupReceiver implements Receiver {
    @Override
    public void receive(Message message) {
      final byte[] bytes = message.getArray();
      if (bytes == null) {
        metrics.rejected(ClusterMetrics.Rejection.MALFORMED);
        return;
      }
      if (batches == null) { // the swarms are on their way: hold it
        final byte[] held =
            java.util.Arrays.copyOfRange(bytes, message.getOffset(), message.getOffset() + message.getLength());
        if (!heldBeforeState.offer(held)) {
          metrics.droppedBeforeState.add(Math.max(0, BatchSeal.count(held, 0)));
        }
        return;
      }
      apply(bytes, message.getOffset(), message.getLength());
    }

    @Override
    public void viewAccepted(View view) {
      final int before = members;
      members = view.size();
      log.info(
          "cluster {}: {} members (was {}): {}", config.name(), view.size(), before, view.getMembers());
    }

    @Override
    public void getState(OutputStream output) throws Exception {
      final WarmRestart restored = serving;
      if (restored == null) {
        throw new IllegalStateException("this node has no swarms to give yet");
      }
      final long started = System.nanoTime();
      final OutputStream out = new BufferedOutputStream(output, 1 << 16);
      final SnapshotWriter.Summary summary;
      synchronized (stateWriter) {
        stateWriter.begin(restored.meta(System.currentTimeMillis()), out);
        restored.writeRecords(stateWriter);
        summary = stateWriter.finish();
      }
      out.flush();
      log.info(
          "cluster {}: sent the swarms to a joining node ({} torrent records, {} peers) in {} ms",
          config.name(), summary.torrentRecords(), summary.peers(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void setState(InputStream input) throws Exception {
      final InputStream in = new BufferedInputStream(input, 1 << 16);
      serving = swarms.fromTransfer(SnapshotReader.open(in), "the cluster's state");
    }
  }

  /** Verifies and applies one batch; one at a time, so one request object serves every change. */
  private void apply(byte[] bytes, int offset, int length) {
    synchronized (applying) {
      applyLocked(bytes, offset, length);
    }
  }

  private void applyLocked(byte[] bytes, int offset, int length) {
    if (!receivingSeal.authentic(bytes, offset, length)) {
      metrics.rejected(ClusterMetrics.Rejection.UNAUTHENTICATED);
      return;
    }
    final int count = BatchSeal.count(bytes, offset);
    final int end = offset + length - BatchSeal.MAC_BYTES;
    if (count < 0 || (long) count * ChangeBatch.IPV4_CHANGE_BYTES > end - offset - BatchSeal.HEADER_BYTES) {
      metrics.rejected(ClusterMetrics.Rejection.MALFORMED);
      return;
    }
    metrics.received.add(count);
    final SwarmStore store = swarms().store();
    int at = offset + BatchSeal.HEADER_BYTES;
    int applied = 0;
    while (applied < count) {
      at = ChangeBatch.read(bytes, at, end, applying, second);
      if (at < 0) {
        metrics.rejected(ClusterMetrics.Rejection.MALFORMED);
        break;
      }
      store.apply(applying, second[0]);
      applied++;
    }
    metrics.applied.add(applied);
    metrics.lag.observe(Math.max(0, System.currentTimeMillis() - BatchSeal.wallMillis(bytes, offset)) / 1000.0);
  }

  // ---- the stack ----

  private static List<Protocol> protocols(ClusterConfig config, ClusterKeys keys, ClusterMetrics metrics)
      throws Exception {
    final HostPort bind = HostPort.parse(config.bindAddress());
    final InetSocketAddress bindAddress = bind.toInetSocketAddress();
    final Set<InetSocketAddress> initial = new LinkedHashSet<>();
    initial.add(bindAddress);
    for (HostPort member : config.memberAddresses()) {
      initial.add(member.toInetSocketAddress());
    }
    final List<Protocol> stack = new ArrayList<>();
    stack.add(new TCP().setBindAddress(bindAddress.getAddress()).setBindPort(bindAddress.getPort()).setPortRange(0));
    stack.add(new TCPPING().setInitialHosts(new ArrayList<>(initial)).setPortRange(0));
    stack.add(new MERGE3().setMinInterval(2_000).setMaxInterval(8_000));
    stack.add(new FD_SOCK2());
    stack.add(new FD_ALL3().setTimeout(FAILURE_TIMEOUT_MILLIS).setInterval(1_000));
    stack.add(new VERIFY_SUSPECT2().setTimeout(1_500));
    stack.add(new MemberOnlyEncrypt(keys.encryption(), config.name(), metrics.foreignMessages));
    stack.add(new NAKACK2().useMcastXmit(false));
    stack.add(new UNICAST3());
    stack.add(new STABLE());
    stack.add(new GMS().setJoinTimeout(2_000));
    stack.add(new MFC());
    stack.add(new UFC());
    stack.add(new FRAG4());
    stack.add(new STATE());
    return stack;
  }

  /**
   * Sends the changes still waiting, stops replicating and leaves the group (the others keep
   * every swarm). Idempotent.
   */
  @Override
  public synchronized void close() {
    final Thread thread = sender;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sender = null;
    }
    final ShardBatches shardBatches = batches;
    if (shardBatches != null) { // what the last announces changed still goes out
      shardBatches.flush();
      try {
        for (ChangeBatch batch; (batch = shardBatches.nextReady(0)) != null; ) {
          send(shardBatches, batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    channel.close();
  }
}
