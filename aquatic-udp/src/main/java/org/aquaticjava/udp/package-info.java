/**
 * The UDP tracker (BEP 15, BEP 41): {@link org.aquaticjava.udp.UdpTracker} starts its socket
 * workers on the shared runtime; each {@link org.aquaticjava.udp.UdpSocketHandler} parses a
 * datagram in place, checks its connection id and source limits, and answers from the swarm store
 * through {@link org.aquaticjava.udp.UdpRequestProcessor} on the same thread, or drops it with a
 * counted reason (logged by a {@link org.aquaticjava.core.metrics.WorkerLog}).
 */
@NullMarked
package org.aquaticjava.udp;

import org.jspecify.annotations.NullMarked;
