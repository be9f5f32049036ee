package org.aquaticjava.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a string key that holds {@code host:port} ({@code [v6]:port} for IPv6). The loader checks
 * the form, the port range and, for a key of one address family, that a literal host is of that
 * family, so a typo stops start-up instead of failing at bind time (or binding the other family).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SocketAddressKey {
  /** The address family a literal host must have; {@link Family#ANY} accepts both. */
  Family family() default Family.ANY;

  /** Which address literals a key accepts. Host names are resolved in this family at bind time. */
  enum Family {
    ANY,
    IPV4,
    IPV6
  }
}
