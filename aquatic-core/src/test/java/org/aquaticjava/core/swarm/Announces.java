package org.aquaticjava.core.swarm;

/** Fills reusable {@link AnnounceSlot}s for tests. */
final class Announces {
  static final int MAX_PEERS = 200;

  private Announces() {}

  static AnnounceSlot v4(AnnounceSlot req, long torrent, int ip, int port, boolean seeder) {
    reset(req, torrent, port, seeder);
    req.ipv6 = false;
    req.ipv4 = ip;
    return req;
  }

  static AnnounceSlot v6(AnnounceSlot req, long torrent, long hi, long lo, int port, boolean seeder) {
    reset(req, torrent, port, seeder);
    req.ipv6 = true;
    req.ipv6High = hi;
    req.ipv6Low = lo;
    return req;
  }

  static AnnounceSlot stopped(AnnounceSlot req) {
    req.stopped = true;
    return req;
  }

  static AnnounceSlot completed(AnnounceSlot req) {
    req.completed = true;
    return req;
  }

  static AnnounceSlot wanting(AnnounceSlot req, int peersWanted) {
    req.peersWanted = peersWanted;
    return req;
  }

  /** A distinct info hash per {@code torrent} number. */
  static InfoHash hash(long torrent) {
    return new InfoHash().set(torrent, ~torrent, (int) torrent * 31);
  }

  private static void reset(AnnounceSlot req, long torrent, int port, boolean seeder) {
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
