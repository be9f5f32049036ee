/**
 * {@code aquatic-load-test ws}: a WebTorrent (WebSocket signalling) load generator. Every simulated
 * peer is one WebSocket connection that announces its torrent with fake SDP offers, answers every
 * offer relayed to it, and scrapes; replies and relayed messages are validated and counted by type.
 * Built on Netty's WebSocket client and the client side of {@code aquatic-ws-protocol}.
 */
@NullMarked
package org.aquaticjava.loadtest.ws;

import org.jspecify.annotations.NullMarked;
