package org.aquaticjava.core.access;

/**
 * Outcome of {@link AccessListHolder#reload()}.
 *
 * @param succeeded whether the new list replaced the old one
 * @param entries entries in the list now in force (the old one after a failure)
 * @param message what happened, for a log line or a reply to an operator
 */
public record AccessListReload(boolean succeeded, int entries, String message) {}
