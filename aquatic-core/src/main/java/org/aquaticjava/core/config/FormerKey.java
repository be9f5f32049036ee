package org.aquaticjava.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a renamed key had before, in the same table: {@code @FormerKey("warmup_seconds") int
 * warmupDuration}. Files that still use it keep loading: {@link ConfigLoader} reads the value as
 * if the current key had been written (same checks, errors name the key the file has) and logs a
 * deprecation warning naming both keys, once per key path per process. A file that sets both is
 * an error naming both. The printer ({@code -p}) shows only the current key, and unknown-key
 * suggestions never offer the former one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FormerKey {
  /** The former key, in snake_case as it was written in config files. */
  String value();
}
