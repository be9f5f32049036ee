/**
 * The cluster of nodes that share every swarm over JGroups: membership and its secret
 * ({@link org.aquaticjava.cluster.ClusterNode}, encrypted so that only nodes with the same {@code
 * cluster.secret} are members), the batches of swarm changes each node sends the others, and
 * the state transfer that gives a joining node every swarm in the warm-restart snapshot format.
 */
@NullMarked
package org.aquaticjava.cluster;

import org.jspecify.annotations.NullMarked;
