package org.aquaticjava.http.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A decoded bencode value (client side: tests, load tester). Immutable and thread-safe once built
 * by {@link BencodeReader}. Dictionary keys are byte strings held as ISO-8859-1 {@link String}s
 * (one char per byte, so every key round-trips), in the order they were read, which for valid
 * input is sorted.
 */
public sealed interface BencodeValue
    permits BencodeValue.Int, BencodeValue.Bytes, BencodeValue.ListValue, BencodeValue.Dict {

  /** {@code i<value>e}. */
  record Int(long value) implements BencodeValue {}

  /** {@code <length>:<bytes>}; the array is owned by this value: do not modify it. */
  record Bytes(byte[] value) implements BencodeValue {
    /** The bytes decoded as UTF-8 (what trackers use for failure and warning texts). */
    public String utf8() {
      return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + value.length + ": " + HexFormat.of().formatHex(value) + "]";
    }
  }

  /** {@code l...e}; the list is unmodifiable. */
  record ListValue(List<BencodeValue> items) implements BencodeValue {
    public ListValue {
      items = Collections.unmodifiableList(items);
    }
  }

  /** {@code d...e}; the map is unmodifiable and keeps the wire order. */
  record Dict(Map<String, BencodeValue> entries) implements BencodeValue {
    public Dict {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The value of {@code key}, or {@code null}. */
    public @Nullable BencodeValue get(String key) {
      return entries.get(key);
    }

    /** The integer at {@code key}; a missing key or another type is an error. */
    public long integer(String key) throws BencodeException {
      if (require(key) instanceof Int(long value)) {
        return value;
      }
      throw new BencodeException("'" + key + "' is not an integer", -1);
    }

    /** The byte string at {@code key}; a missing key or another type is an error. */
    public byte[] bytes(String key) throws BencodeException {
      if (require(key) instanceof Bytes(byte[] value)) {
        return value;
      }
      throw new BencodeException("'" + key + "' is not a byte string", -1);
    }

    /** The list at {@code key}; a missing key or another type is an error. */
    public List<BencodeValue> list(String key) throws BencodeException {
      if (require(key) instanceof ListValue(List<BencodeValue> items)) {
        return items;
      }
      throw new BencodeException("'" + key + "' is not a list", -1);
    }

    /** The dictionary at {@code key}; a missing key or another type is an error. */
    public Dict dict(String key) throws BencodeException {
      if (require(key) instanceof Dict dict) {
        return dict;
      }
      throw new BencodeException("'" + key + "' is not a dictionary", -1);
    }

    private BencodeValue require(String key) throws BencodeException {
      final BencodeValue value = entries.get(key);
      if (value == null) {
        throw new BencodeException("missing key '" + key + "'", -1);
      }
      return value;
    }
  }
}
