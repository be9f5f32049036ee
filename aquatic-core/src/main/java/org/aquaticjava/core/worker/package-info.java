/**
 * Worker threads and their supervision. Every thread has a role name; any worker that stops while
 * the process is meant to run is fatal (exit status 1, so a service manager restarts the
 * process), as in aquatic. Netty-free: event loop groups are watched from {@code
 * org.aquaticjava.netty} through {@link org.aquaticjava.core.worker.Supervisor#fatal}.
 */
@NullMarked
package org.aquaticjava.core.worker;

import org.jspecify.annotations.NullMarked;
