/**
 * The golden files of every wire format and printed config, and {@link
 * org.aquaticjava.golden.Golden}, their one loader. Test support only: nothing here is used in
 * production code.
 */
@NullMarked
package org.aquaticjava.golden;

import org.jspecify.annotations.NullMarked;
