/**
 * Per-source limits for trackers on the open internet: token buckets per source address prefix,
 * a ban list for sources that keep sending invalid requests, and a cap on the distinct torrents one
 * source may scrape per window.
 *
 * <p>All state lives in fixed-size tables of primitive arrays sized at start-up ({@link
 * SourceTable}): a flood from millions of (spoofed) addresses evicts entries instead of growing
 * memory. Nothing here allocates per call or reads a clock; the caller passes the time in. The
 * tables are single-threaded: each socket worker owns its own {@link SourceLimits}, so a limit is
 * per source <em>and per worker</em> (see {@link SourceLimits} for what that means for the
 * effective rate).
 */
@NullMarked
package org.aquaticjava.core.limit;

import org.jspecify.annotations.NullMarked;
