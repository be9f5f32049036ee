/**
 * Overload shedding ({@code [overload]}): a per-socket-worker state machine fed by a probe of the
 * worker's event loop (how late it runs) and, for UDP, by how full each socket read comes back
 * ({@link LoadShedding}); while it sheds, the protocols hand out a longer announce interval and
 * refuse their cheapest-to-lose requests first (UDP scrapes dropped, HTTP scrapes answered with a
 * BEP 31 {@code retry in}). Nothing here allocates per request or reads a clock; the probe passes
 * its lag in.
 */
@NullMarked
package org.aquaticjava.core.overload;

import org.jspecify.annotations.NullMarked;
