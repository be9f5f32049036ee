package org.aquaticjava.ws.protocol;

import java.util.Locale;

/**
 * Why one offer of an announce cannot be relayed. The reader skips such an offer and counts it
 * ({@link WsRequest#offersSkipped(OfferSkip)}); the announce itself is still served, as by the
 * reference tracker (npm {@code bittorrent-tracker}), whose own client tests send offers like
 * {@code {"fake_offer": "..."}}. The constant names in lower case are metric labels ({@link
 * #label()}): never rename a released constant.
 */
public enum OfferSkip {
  /** {@code offers} is neither an array nor {@code null}: counted once for the whole value. */
  NOT_A_LIST,
  /** An entry of {@code offers} that is not an object. */
  NOT_AN_OBJECT,
  /** An entry without {@code offer: {sdp: "..."}} (an object with an {@code sdp} string). */
  NO_SDP,
  /** An entry whose {@code offer.sdp} is longer than {@link ReadLimits#maxSdpSize()} bytes. */
  SDP_TOO_LARGE,
  /** An entry without an {@code offer_id} of 20 characters U+0000-U+00FF. */
  NO_OFFER_ID;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The metric label: the constant name in lower case, e.g. {@code no_sdp}. */
  public String label() {
    return label;
  }
}
