/**
 * Services every tracker runs beside its sockets, whatever the protocol: the periodic swarm
 * cleaning and the swarm gauges it publishes.
 */
@NullMarked
package org.aquaticjava.core.tracker;

import org.jspecify.annotations.NullMarked;
