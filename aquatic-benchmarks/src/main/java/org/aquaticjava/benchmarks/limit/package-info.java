/** JMH benchmarks of the per-source limits ({@code org.aquaticjava.core.limit}). */
@NullMarked
package org.aquaticjava.benchmarks.limit;

import org.jspecify.annotations.NullMarked;
