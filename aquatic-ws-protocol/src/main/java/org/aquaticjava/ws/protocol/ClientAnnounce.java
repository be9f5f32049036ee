package org.aquaticjava.ws.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An announce as a WebTorrent client sends it, for {@link WebTorrentClientWriter}.
 *
 * @param infoHash 20 bytes
 * @param peerId 20 bytes
 * @param event {@code null} for a regular announce (the reference client then omits the key)
 * @param left bytes left; negative writes {@code null} (unknown size, what {@code JSON.stringify}
 *     makes of the reference client's {@code Infinity})
 * @param uploaded informational
 * @param downloaded informational
 * @param numWant the reference client sends the number of offers
 * @param offers written as {@code offers} unless empty (the reference client sends none on
 *     stopped and completed)
 */
public record ClientAnnounce(
    byte[] infoHash,
    byte[] peerId,
    @Nullable WsAnnounceEvent event,
    long left,
    long uploaded,
    long downloaded,
    int numWant,
    List<ClientOffer> offers) {}
