/**
 * Benchmarks of the WebTorrent tracker: reading client messages and writing tracker messages with
 * the real {@code WebTorrentJsonReader} and {@code WebTorrentJsonWriter}.
 */
package org.aquaticjava.benchmarks.ws;
