package org.aquaticjava.core.swarm;

/** Fills reusable {@link AnnounceRequest}s for tests. */
final class Announces {
  static final int MAX_PEERS = 200;

  private Announces() {}

  static AnnounceRequest v4(AnnounceRequest req, long torrent, int ip, int port, boolean seeder) {
    reset(req, torrent, port, seeder);
    req.ipv6 = false;
    req.ipv4 = ip;
    return req;
  }

  static AnnounceRequest v6(AnnounceRequest req, long torrent, long hi, long lo, int port, boolean seeder) {
    reset(req, torrent, port, seeder);
    req.ipv6 = true;
    req.ipv6High = hi;
    req.ipv6Low = lo;
    return req;
  }

  static AnnounceRequest stopped(AnnounceRequest req) {
    req.stopped = true;
    return req;
  }

  static AnnounceRequest completed(AnnounceRequest req) {
    req.completed = true;
    return req;
  }

  static AnnounceRequest wanting(AnnounceRequest req, int peersWanted) {
    req.peersWanted = peersWanted;
    return req;
  }

  /** A distinct info hash per {@code torrent} number. */
  static InfoHash hash(long torrent) {
    return new InfoHash().set(torrent, ~torrent, (int) torrent * 31);
  }

  private static void reset(AnnounceRequest req, long torrent, int port, boolean seeder) {
    req.infoHash.set(torrent, ~torrent, (int) torrent * 31);
    req.port = port;
    req.seeder = seeder;
    req.stopped = false;
    req.completed = false;
    req.peersWanted = 50;
    req.ipv4 = 0;
    req.ipv6High = 0;
    req.ipv6Low = 0;
  }
}
