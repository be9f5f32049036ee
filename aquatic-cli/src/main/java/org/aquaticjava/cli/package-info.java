/**
 * The {@code aquatic} command: one subcommand per tracker ({@code aquatic udp}), each printing,
 * loading and checking its config, setting up logging, and running the tracker until a stop signal.
 *
 * <p>A tracker subcommand is one small subclass of {@link org.aquaticjava.cli.TrackerCommand} that
 * names its config type, defaults and start function, added to {@link
 * org.aquaticjava.cli.AquaticMain#trackerCommands()}. Exit codes: 0 success or clean stop, 1 start
 * failure or unexpected stop, 2 bad arguments or bad config.
 */
@NullMarked
package org.aquaticjava.cli;

import org.jspecify.annotations.NullMarked;
