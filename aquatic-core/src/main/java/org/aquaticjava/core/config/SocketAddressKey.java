package org.aquaticjava.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a string key that holds {@code host:port} ({@code [v6]:port} for IPv6). The loader checks
 * the form and the port range, so a typo stops start-up instead of failing at bind time.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SocketAddressKey {}
