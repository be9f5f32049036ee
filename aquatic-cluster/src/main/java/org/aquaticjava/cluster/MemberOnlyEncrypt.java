package org.aquaticjava.cluster;

import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.SecretKey;
import org.jgroups.Address;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGroups' SYM_ENCRYPT with the rejection of foreign messages counted and its log bounded. A node
 * with another {@code cluster.secret} encrypts with another key; SYM_ENCRYPT drops its messages
 * unread (without trying to decrypt them, so they cost almost nothing) but logs an ERROR for each,
 * and such a node retries its JOIN every two seconds and keeps sending. Here each is counted in
 * {@code aquatic_cluster_foreign_messages_total} and logged at most once a minute, with the count.
 */
// "unchecked": javac flags SYM_ENCRYPT's own setKeyStoreEntry overriding Encrypt's generic one.
@SuppressWarnings("unchecked")
final class MemberOnlyEncrypt extends SYM_ENCRYPT {
  private static final Logger log = LoggerFactory.getLogger(MemberOnlyEncrypt.class);
  private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

  private final String clusterName;
  private final LongAdder foreign;
  private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
  private final LongAdder sinceLog = new LongAdder();

  /**
   * @param foreign counts the messages dropped
   */
  MemberOnlyEncrypt(SecretKey key, String clusterName, LongAdder foreign) {
    this.clusterName = clusterName;
    this.foreign = foreign;
    // Its headers are SYM_ENCRYPT's: JGroups finds a protocol's header by the id of its class.
    setId(ClassConfigurator.getProtocolId(SYM_ENCRYPT.class));
    setKeyStoreEntry(new KeyStore.SecretKeyEntry(key));
  }

  /**
   * Called by SYM_ENCRYPT only for a message encrypted with another key: such a message is read
   * only from a member that used a previous key (never here: the key is fixed for the process),
   * so for a non-member it is dropped, counted and logged (bounded).
   */
  @Override
  protected boolean inView(Address sender, String errorMessage) {
    final View current = view;
    if (current == null || current.containsMember(sender)) {
      return true;
    }
    foreign.increment();
    sinceLog.increment();
    final long now = System.nanoTime();
    final long next = nextLogNanos.get();
    if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
      log.warn(
          "cluster {}: dropped {} message(s) from {}, which encrypts with another key: its"
              + " cluster.secret differs from this node's (logged at most once a minute;"
              + " counted in aquatic_cluster_foreign_messages_total)",
          clusterName,
          sinceLog.sumThenReset(),
          sender);
    }
    return false;
  }
}
