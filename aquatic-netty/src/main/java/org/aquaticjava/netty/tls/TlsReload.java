package org.aquaticjava.netty.tls;

/**
 * Outcome of {@link TlsContextProvider#reload()}.
 *
 * @param succeeded whether the files were loaded (swapped in, or found unchanged)
 * @param message what happened, for a log line or an operator
 */
public record TlsReload(boolean succeeded, String message) {}
