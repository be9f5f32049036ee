/** JMH benchmarks of the per-source limits ({@code org.aquaticjava.core.limit}). */
package org.aquaticjava.benchmarks.limit;
