package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs one {@link ClientPair} against a running tracker: makes the payload and a private torrent
 * announcing to the tracker, starts the two clients (each on its own loopback address, in its own
 * directories) in the order the pair needs, and either waits for the leecher to complete and
 * checks its file's sha256, or, for a refused torrent, watches both clients for a while and checks
 * that no transfer happened although both kept running. Both clients are stopped by PID before
 * {@link #run} returns, whatever happened. Stateless; safe to run several pairs at once.
 */
final class ClientPairTransfer {
  /** Payload size: a few pieces, small enough to move in a second or two over loopback. */
  static final int PAYLOAD_SIZE = 2 * 1024 * 1024;
  /** How long the first client may take to reach the tracker (start-up plus hash check). */
  private static final Duration FIRST_ANNOUNCE_TIMEOUT = Duration.ofSeconds(30);
  /** How long the leecher may take once both run. */
  static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(60);
  /** How long a refused pair is watched for a transfer that must not happen. */
  static final Duration REFUSED_WATCH = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * What happened.
   *
   * @param ok whether the pair behaved as it must
   * @param detail what was seen (the clients' diagnostics when not ok)
   * @param seconds from the second client's start to the end of the check
   */
  record Outcome(ClientPair pair, boolean ok, String detail, double seconds) {}

  private ClientPairTransfer() {}

  static Outcome run(ClientPair pair, TrackerProcess tracker, Path dir) throws Exception {
    return run(pair, tracker, tracker, dir);
  }

  /**
   * Like {@link #run(ClientPair, TrackerProcess, Path)}, with the seeder announcing to one tracker
   * and the leecher to another (two nodes of a cluster): the leecher's torrent file differs only
   * in its announce URL, so both have the same info hash. A denied pair is denied on both.
   */
  static Outcome run(ClientPair pair, TrackerProcess seederTracker, TrackerProcess leecherTracker, Path dir)
      throws Exception {
    final TestTorrent torrent = TestTorrent.make(dir, announceUrl(pair, seederTracker), PAYLOAD_SIZE);
    final TestTorrent leecherTorrent =
        seederTracker == leecherTracker
            ? torrent
            : torrent.announcingTo(announceUrl(pair, leecherTracker), dir.resolve("leecher.torrent"));
    if (pair.denied()) {
      seederTracker.denyAndReload(torrent.infoHashHex());
      if (leecherTracker != seederTracker) {
        leecherTracker.denyAndReload(torrent.infoHashHex());
      }
    }
    final Optional<Path> ca = seederTracker.pki().map(LoopbackPki::caCertificate);
    final ClientSetup seeder =
        setup(pair, ClientSetup.Role.SEEDER, torrent, torrent.seedDir(), dir, ca);
    final ClientSetup leecher =
        setup(
            pair,
            ClientSetup.Role.LEECHER,
            leecherTorrent,
            Files.createDirectories(dir.resolve("leech")),
            dir,
            ca);
    final ClientSetup first = pair.leecherFirst() ? leecher : seeder;
    final ClientSetup second = pair.leecherFirst() ? seeder : leecher;
    final TrackerProcess firstTracker = pair.leecherFirst() ? leecherTracker : seederTracker;
    try (TorrentClient firstClient = start(pair, first)) {
      if (!pair.denied()) {
        final Optional<String> missing = awaitCounted(firstTracker, torrent, pair.ipv6(), first);
        if (missing.isPresent()) {
          return new Outcome(pair, false, missing.get() + "\n" + firstClient.diagnostics(), 0);
        }
      }
      final long started = System.nanoTime();
      try (TorrentClient secondClient = start(pair, second)) {
        final TorrentClient seederClient = pair.leecherFirst() ? secondClient : firstClient;
        final TorrentClient leecherClient = pair.leecherFirst() ? firstClient : secondClient;
        final Running running =
            new Running(pair, seederClient, leecherClient, torrent, leecher.dataDir(), started);
        return pair.denied() ? running.watchRefused() : running.awaitTransfer();
      }
    }
  }

  private static String announceUrl(ClientPair pair, TrackerProcess tracker) {
    return pair.ipv6() ? tracker.announceUrlIpv6() : tracker.announceUrl();
  }

  private static TorrentClient start(ClientPair pair, ClientSetup setup) throws Exception {
    return family(pair, setup.role()).start(setup);
  }

  private static ClientFamily family(ClientPair pair, ClientSetup.Role role) {
    return role == ClientSetup.Role.SEEDER ? pair.seeder() : pair.leecher();
  }

  /** A setup of its own for each client: a fresh 127.0.0.N, and {@code DIR/ROLE-FAMILY}. */
  private static ClientSetup setup(
      ClientPair pair,
      ClientSetup.Role role,
      TestTorrent torrent,
      Path dataDir,
      Path dir,
      Optional<Path> ca)
      throws IOException {
    final InetAddress control = LoopbackHosts.nextIpv4();
    return new ClientSetup(
        role,
        torrent.torrent(),
        torrent.infoHashHex(),
        pair.protocol(),
        dataDir,
        Files.createDirectories(
            dir.resolve(role.name().toLowerCase(Locale.ROOT) + "-" + family(pair, role).id())),
        pair.ipv6() ? LoopbackHosts.ipv6() : control,
        control,
        ca);
  }

  /** Waits until the tracker counts the first client; empty when it does, else why not. */
  private static Optional<String> awaitCounted(
      TrackerProcess tracker, TestTorrent torrent, boolean ipv6, ClientSetup first)
      throws Exception {
    final long deadline = System.nanoTime() + FIRST_ANNOUNCE_TIMEOUT.toNanos();
    TrackerProcess.SwarmCounts counts = null;
    while (System.nanoTime() - deadline < 0) {
      counts = tracker.scrape(torrent.infoHash(), ipv6);
      if ((first.seeder() ? counts.seeders() : counts.leechers()) > 0) {
        return Optional.empty();
      }
      Thread.sleep(POLL.toMillis());
    }
    return Optional.of(
        "the tracker did not count the first client ("
            + first.role()
            + ") within "
            + FIRST_ANNOUNCE_TIMEOUT.toSeconds()
            + " s; last scrape "
            + counts);
  }

  /** Both clients of a pair, running since {@code started} (the second client's start). */
  private record Running(
      ClientPair pair,
      TorrentClient seeder,
      TorrentClient leecher,
      TestTorrent torrent,
      Path leechDir,
      long started) {

    /** Waits until the leecher completes, then checks the sha256 of its file. */
    Outcome awaitTransfer() throws Exception {
      final long deadline = started + TRANSFER_TIMEOUT.toNanos();
      while (!leecher.complete()) {
        if (!seeder.running()) {
          return failed("the seeder exited");
        }
        if (System.nanoTime() - deadline > 0) {
          return failed("no complete transfer within " + TRANSFER_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(POLL.toMillis());
      }
      final String sha256 = receivedSha256();
      if (!sha256.equals(torrent.sha256())) {
        return failed("leecher reports complete, but sha256 " + sha256 + " != " + torrent.sha256());
      }
      return new Outcome(pair, true, "sha256 " + sha256, seconds(started));
    }

    /** Watches both clients: no transfer may happen, and both must keep running. */
    Outcome watchRefused() throws Exception {
      final long end = started + REFUSED_WATCH.toNanos();
      while (System.nanoTime() - end < 0) {
        if (leecher.complete() || receivedSha256().equals(torrent.sha256())) {
          return failed("the torrent is on the deny list, yet the leecher got the file");
        }
        Thread.sleep(POLL.toMillis());
      }
      if (!seeder.running() || !leecher.running()) {
        return failed(
            "a client exited, so \"no transfer\" proves nothing (seeder running: "
                + seeder.running()
                + ", leecher running: "
                + leecher.running()
                + ")");
      }
      final String detail = "no transfer in " + REFUSED_WATCH.toSeconds() + " s, as it must";
      return new Outcome(pair, true, detail, seconds(started));
    }

    private String receivedSha256() throws IOException {
      final Path received = leechDir.resolve(torrent.fileName());
      return Files.exists(received) ? TestTorrent.sha256(received) : "(no file)";
    }

    /** A failed outcome: {@code why}, then both clients' logs (read before they are stopped). */
    private Outcome failed(String why) {
      final String detail =
          why
              + "\n---- seeder "
              + seeder.family().id()
              + " ----\n"
              + seeder.diagnostics()
              + "\n---- leecher "
              + leecher.family().id()
              + " ----\n"
              + leecher.diagnostics();
      return new Outcome(pair, false, detail, seconds(started));
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
