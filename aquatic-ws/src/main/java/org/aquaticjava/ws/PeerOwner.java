package org.aquaticjava.ws;

/**
 * The connection a peer announced on, as the swarm state sees it: an identity (a peer id belongs
 * to the connection that first announced it) and where relayed offers and answers go. Implemented
 * by {@link WsConnection}; tests of the swarm state use plain objects.
 */
interface PeerOwner {}
