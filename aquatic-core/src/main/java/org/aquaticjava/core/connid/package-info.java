/**
 * Stateless UDP connection ids (BEP 15): an id is the issue time plus a keyed MAC of that time and
 * the client's IP address, so the tracker stores nothing per connection and a spoofer who never
 * sees the connect response cannot produce a valid id.
 *
 * <p>Everything here works on primitives and allocates nothing per request.
 */
@NullMarked
package org.aquaticjava.core.connid;

import org.jspecify.annotations.NullMarked;
