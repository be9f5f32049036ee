package org.aquaticjava.cli.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text as plain Java values, for reading a Grafana dashboard and Prometheus's HTTP API
 * answers in tests: objects become {@link Map}s (in document order), arrays {@link List}s, strings
 * {@link String}s, numbers {@link Double}s, {@code true}/{@code false} {@link Boolean}s and {@code
 * null} a {@link Null#NULL} marker (so maps and lists hold no Java null).
 */
public final class JsonTree {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** The JSON null. */
  public enum Null {
    NULL
  }

  private JsonTree() {}

  /** Parses one JSON document. */
  public static Object parse(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      parser.nextToken();
      final Object value = read(parser);
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the JSON value");
      }
      return value;
    }
  }

  /** Every value of a field named {@code name}, at any depth, in document order. */
  static List<Object> fieldValues(Object tree, String name) {
    final List<Object> found = new ArrayList<>();
    collect(tree, name, found);
    return found;
  }

  private static void collect(Object node, String name, List<Object> found) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getKey().equals(name)) {
          found.add(entry.getValue());
        }
        collect(entry.getValue(), name, found);
      }
    } else if (node instanceof List<?> list) {
      for (Object element : list) {
        collect(element, name, found);
      }
    }
  }

  private static Object read(JsonParser parser) throws IOException {
    final JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("unexpected end of JSON");
    }
    return switch (token) {
      case START_OBJECT -> {
        final Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          final String key = parser.currentName();
          parser.nextToken();
          map.put(key, read(parser));
        }
        yield map;
      }
      case START_ARRAY -> {
        final List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> Null.NULL;
      default -> throw new IOException("unexpected JSON token " + token);
    };
  }
}
