package org.aquaticjava.core.config;

/** How the access list filters announces, written in config files in lower case. */
public enum AccessListMode {
  /** Every info hash is served; the file is not read. */
  OFF,
  /** Only info hashes listed in the file are served. */
  ALLOW,
  /** Every info hash except those listed in the file is served. */
  DENY
}
