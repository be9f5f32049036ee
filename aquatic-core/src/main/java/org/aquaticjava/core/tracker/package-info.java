/**
 * Services every tracker runs beside its sockets, whatever the protocol: the periodic swarm
 * cleaning and the swarm gauges it publishes.
 */
package org.aquaticjava.core.tracker;
