/**
 * The info-hash access list ({@code [access_list]}): an immutable, allocation-free lookup
 * snapshot, its file parser, and a holder that swaps snapshots atomically on reload (file change
 * or SIGUSR1). A bad file never replaces a good list at runtime; at start-up it is fatal.
 */
@NullMarked
package org.aquaticjava.core.access;

import org.jspecify.annotations.NullMarked;
