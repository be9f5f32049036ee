/**
 * The config model shared by every tracker: records with documented components, printed as
 * commented TOML ({@link org.aquaticjava.core.config.ConfigPrinter}, the {@code -p} output) and
 * loaded back with every problem reported at once ({@link org.aquaticjava.core.config.ConfigLoader}).
 *
 * <p>A config is a tree of records. Each component is one TOML key, named in snake_case; nested
 * records are tables. {@link org.aquaticjava.core.config.Doc} holds the text that becomes the
 * comment, {@link org.aquaticjava.core.config.Range} and {@link
 * org.aquaticjava.core.config.SocketAddressKey} the checks the loader applies. Everything here
 * runs once at start-up, so it uses reflection freely.
 */
@NullMarked
package org.aquaticjava.core.config;

import org.jspecify.annotations.NullMarked;
