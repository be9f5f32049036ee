package org.aquaticjava.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component whose keys belong to the enclosing table rather than to a table of
 * their own: {@code @Inline ListenConfig listen} in {@code Network} puts {@code use_ipv4} and
 * friends straight into {@code [network]}. This is how protocols share a config record (listen
 * addresses, swarm expiry) while their files keep the keys where they always were. The loader
 * and the printer treat the inlined keys exactly like the table's own, in component order.
 *
 * <p>{@link #omit} leaves keys of the inlined record out of the file: they are neither printed nor
 * accepted (an unknown key if given) and keep the record's default. {@code aquatic all} inlines
 * each protocol's whole config into {@code [udp]}, {@code [http]} and {@code [ws]} and omits the
 * keys it has once at the top level.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Inline {
  /**
   * Key paths of the inlined record to leave out, dotted below its own keys: {@code "metrics"}
   * (a table), {@code "cleaning.max_peer_age"} (a key of a table).
   */
  String[] omit() default {};
}
