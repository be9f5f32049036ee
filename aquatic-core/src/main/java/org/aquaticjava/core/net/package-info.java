/** Address helpers shared by the trackers: the canonical form of client IP addresses. */
@NullMarked
package org.aquaticjava.core.net;

import org.jspecify.annotations.NullMarked;
