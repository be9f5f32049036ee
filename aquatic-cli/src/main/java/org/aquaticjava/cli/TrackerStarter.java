package org.aquaticjava.cli;

/**
 * Starts a tracker from its loaded config; returns once it serves requests. A bind error or other
 * start-up failure is thrown, and the command reports it in one line.
 */
@FunctionalInterface
public interface TrackerStarter<C extends Record> {
  RunningTracker start(C config) throws Exception;
}
