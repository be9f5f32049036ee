package org.aquaticjava.netty.tls;

/**
 * One {@code -----BEGIN label-----} ... {@code -----END label-----} block of a PEM file, decoded.
 *
 * @param label the text between {@code BEGIN } and the dashes, e.g. {@code CERTIFICATE}
 * @param der the Base64-decoded contents
 * @param encrypted whether the block carries legacy OpenSSL encryption headers ({@code Proc-Type:
 *     4,ENCRYPTED}), which we do not decrypt
 */
record PemBlock(String label, byte[] der, boolean encrypted) {}
