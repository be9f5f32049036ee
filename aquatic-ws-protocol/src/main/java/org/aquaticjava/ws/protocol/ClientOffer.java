package org.aquaticjava.ws.protocol;

/**
 * One WebRTC offer of a {@link ClientAnnounce}.
 *
 * @param offerId 20 bytes
 * @param sdp the session description, pre-encoded (load testers reuse one)
 */
public record ClientOffer(byte[] offerId, JsonText sdp) {}
