/**
 * Watching files that the tracker reloads at runtime (access list, TLS certificate and key) by
 * polling their size, modification time and inode.
 */
@NullMarked
package org.aquaticjava.core.files;

import org.jspecify.annotations.NullMarked;
