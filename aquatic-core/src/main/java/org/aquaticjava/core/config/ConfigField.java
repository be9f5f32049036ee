package org.aquaticjava.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One component of a config record seen as a TOML key: its snake_case name, kind, doc text and
 * checks. Built by reflection; {@link #of} rejects component types the config format cannot
 * express, so an unsupported type fails the first test that prints or loads the config.
 */
record ConfigField(
    String key,
    ValueKind kind,
    Class<?> type,
    String doc,
    @Nullable Range range,
    SocketAddressKey.@Nullable Family socketAddress,
    boolean inline,
    Set<String> omit,
    @Nullable String formerKey,
    Method accessor) {

  /** The fields of {@code recordType} in component order. */
  static List<ConfigField> of(Class<? extends Record> recordType) {
    RecordComponent[] components = recordType.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(recordType.getName() + " is not a record");
    }
    List<ConfigField> fields = new ArrayList<>(components.length);
    for (RecordComponent component : components) {
      Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      Doc doc = component.getAnnotation(Doc.class);
      if (component.isAnnotationPresent(Inline.class) && !component.getType().isRecord()) {
        throw new IllegalArgumentException(
            recordType.getName() + "." + component.getName() + ": only a record can be @Inline");
      }
      fields.add(
          new ConfigField(
              snakeCase(component.getName()),
              kindOf(recordType, component),
              component.getType(),
              doc == null ? "" : doc.value(),
              component.getAnnotation(Range.class),
              socketAddressFamily(component),
              component.isAnnotationPresent(Inline.class),
              component.isAnnotationPresent(Inline.class)
                  ? Set.of(component.getAnnotation(Inline.class).omit())
                  : Set.of(),
              formerKey(component),
              accessor));
    }
    return List.copyOf(fields);
  }

  /**
   * The TOML keys of {@code recordType}'s table, with the keys of {@link Inline} components,
   * without the {@code omitted} ones ({@link Inline#omit}, paths relative to this table).
   */
  static List<String> keysOf(Class<?> recordType, Set<String> omitted) {
    List<String> keys = new ArrayList<>();
    for (ConfigField field : tableFields(recordType, omitted)) {
      keys.add(field.key());
    }
    return List.copyOf(keys);
  }

  /**
   * The {@link FormerKey}s of the same keys as {@link #keysOf}: an omitted key has no former key
   * either.
   */
  static List<String> formerKeysOf(Class<?> recordType, Set<String> omitted) {
    List<String> keys = new ArrayList<>();
    for (ConfigField field : tableFields(recordType, omitted)) {
      if (field.formerKey() != null) {
        keys.add(field.formerKey());
      }
    }
    return List.copyOf(keys);
  }

  /** The fields whose keys are in {@code recordType}'s table, {@link Inline} ones flattened. */
  private static List<ConfigField> tableFields(Class<?> recordType, Set<String> omitted) {
    @SuppressWarnings("unchecked")
    final Class<? extends Record> type = (Class<? extends Record>) recordType;
    List<ConfigField> fields = new ArrayList<>();
    for (ConfigField field : of(type)) {
      if (field.inline()) {
        fields.addAll(tableFields(field.type(), field.omitting(omitted)));
      } else if (!omitted.contains(field.key())) {
        fields.add(field);
      }
    }
    return fields;
  }

  /** What an {@link Inline} component leaves out of its table: the table's and its own omissions. */
  Set<String> omitting(Set<String> omittedHere) {
    if (omit.isEmpty()) {
      return omittedHere;
    }
    final Set<String> all = new HashSet<>(omittedHere);
    all.addAll(omit);
    return Set.copyOf(all);
  }

  /** The omitted paths below this (table) component, relative to its table. */
  Set<String> omittedBelow(Set<String> omittedHere) {
    if (omittedHere.isEmpty()) {
      return omittedHere;
    }
    final String prefix = key + ".";
    final Set<String> below = new HashSet<>();
    for (String path : omittedHere) {
      if (path.startsWith(prefix)) {
        below.add(path.substring(prefix.length()));
      }
    }
    return Set.copyOf(below);
  }

  private static @Nullable String formerKey(RecordComponent component) {
    FormerKey former = component.getAnnotation(FormerKey.class);
    return former == null ? null : former.value();
  }

  private static SocketAddressKey.@Nullable Family socketAddressFamily(RecordComponent component) {
    SocketAddressKey key = component.getAnnotation(SocketAddressKey.class);
    return key == null ? null : key.family();
  }

  /** The doc text of a record type itself (the comment above its table), or "". */
  static String docOf(Class<?> recordType) {
    Doc doc = recordType.getAnnotation(Doc.class);
    return doc == null ? "" : doc.value();
  }

  /** Calls the canonical constructor; exceptions it throws come back unwrapped. */
  static <R extends Record> R construct(Class<R> recordType, Object[] values) throws Exception {
    RecordComponent[] components = recordType.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<R> constructor = recordType.getDeclaredConstructor(types);
    constructor.setAccessible(true);
    try {
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** This component's value in {@code record}. */
  Object valueIn(Record record) {
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + accessor, e);
    }
  }

  /** The config spelling of an enum constant: its name in lower case. */
  static String enumText(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** {@code socketRecvBufferSize} becomes {@code socket_recv_buffer_size}. */
  static String snakeCase(String camelCase) {
    StringBuilder out = new StringBuilder(camelCase.length() + 8);
    for (int i = 0; i < camelCase.length(); i++) {
      char c = camelCase.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static ValueKind kindOf(Class<?> recordType, RecordComponent component) {
    Class<?> type = component.getType();
    if (type == boolean.class) {
      return ValueKind.BOOLEAN;
    } else if (type == int.class) {
      return ValueKind.INT;
    } else if (type == long.class) {
      return ValueKind.LONG;
    } else if (type == double.class) {
      return ValueKind.DOUBLE;
    } else if (type == String.class) {
      return ValueKind.STRING;
    } else if (type.isEnum()) {
      return ValueKind.ENUM;
    } else if (type.isRecord()) {
      return ValueKind.RECORD;
    } else if (type == List.class && isListOfStrings(component.getGenericType())) {
      return ValueKind.STRING_LIST;
    }
    throw new IllegalArgumentException(
        recordType.getName()
            + "."
            + component.getName()
            + ": config components must be boolean, int, long, double, String, an enum, a record"
            + " or List<String>, not "
            + component.getGenericType().getTypeName());
  }

  private static boolean isListOfStrings(Type type) {
    return type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[0] == String.class;
  }
}
