/**
 * The server clock: whole seconds since process start from a monotonic source, the unit of every
 * expiry time (peers, connection ids) so that each fits in an {@code int}.
 */
@NullMarked
package org.aquaticjava.core.time;

import org.jspecify.annotations.NullMarked;
