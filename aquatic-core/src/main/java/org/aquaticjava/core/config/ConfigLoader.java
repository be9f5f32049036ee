package org.aquaticjava.core.config;

import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a TOML config into a record tree, like aquatic's {@code serde(default,
 * deny_unknown_fields)}: missing keys take their defaults, anything else wrong is an error. All
 * problems are collected and thrown together in one {@link ConfigException}, each naming its key
 * path: unknown keys (with a suggestion), wrong types, values outside {@link Range}, unknown enum
 * values, malformed {@link SocketAddressKey} values, integers too large for their field, and TOML
 * syntax errors with their line. A key renamed with {@link FormerKey} still loads under its former
 * name, with a deprecation warning logged once per key path; setting both names is an error.
 * Thread-safe; meant for start-up, so it uses reflection.
 */
public final class ConfigLoader {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final int MAX_SHOWN_STRING = 60;
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
  /** Deprecation warnings already logged: each once per process, however often a file loads. */
  private static final Set<String> loggedWarnings = ConcurrentHashMap.newKeySet();
  private static final Consumer<String> LOG_ONCE =
      warning -> {
        if (loggedWarnings.add(warning)) {
          log.warn(warning);
        }
      };

  private ConfigLoader() {}

  /** Reads and loads the UTF-8 file at {@code file}; an unreadable file is one problem. */
  public static <R extends Record> R load(Path file, Class<R> type, R defaults)
      throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of("cannot read the file: it does not exist"));
    } catch (AccessDeniedException e) {
      throw new ConfigException(List.of("cannot read the file: permission denied"));
    } catch (CharacterCodingException e) {
      throw new ConfigException(List.of("cannot read the file: it is not UTF-8 text"));
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot read the file: " + e));
    }
    return parse(text, type, defaults);
  }

  /**
   * Loads config text; {@code defaults} supplies every key the text leaves out. Deprecation
   * warnings ({@link FormerKey}) are logged, each once per process.
   */
  public static <R extends Record> R parse(String toml, Class<R> type, R defaults)
      throws ConfigException {
    return parse(toml, type, defaults, LOG_ONCE);
  }

  /** As {@link #parse(String, Class, Record)}, handing each deprecation warning to {@code warnings}. */
  static <R extends Record> R parse(
      String toml, Class<R> type, R defaults, Consumer<String> warnings) throws ConfigException {
    LineCountingReader reader = new LineCountingReader(toml);
    UnmodifiableConfig parsed;
    try {
      parsed = new TomlParser().parse(reader);
    } catch (ParsingException e) {
      // night-config quotes offending characters raw, newlines included; a problem is one line.
      throw new ConfigException(List.of("line " + reader.line() + ": " + escape(e.getMessage(), false)));
    }
    List<String> overflows = IntegerOverflowScanner.scan(toml);
    if (!overflows.isEmpty()) {
      throw new ConfigException(overflows);
    }
    List<String> problems = new ArrayList<>();
    List<String> deprecations = new ArrayList<>();
    R config = readRecord(parsed, "", type, defaults, Set.of(), problems, deprecations);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    deprecations.forEach(warnings);
    return config;
  }

  private static <R extends Record> R readRecord(
      UnmodifiableConfig table,
      String prefix,
      Class<R> type,
      R defaults,
      Set<String> omitted,
      List<String> problems,
      List<String> deprecations) {
    Map<String, Object> entries = new LinkedHashMap<>();
    for (UnmodifiableConfig.Entry entry : table.entrySet()) {
      entries.put(entry.getKey(), entry.getRawValue());
    }
    List<String> known = ConfigField.keysOf(type, omitted);
    List<String> former = ConfigField.formerKeysOf(type, omitted);
    for (String key : entries.keySet()) {
      if (!known.contains(key) && !former.contains(key)) {
        String suggestion =
            KeySuggestion.closest(key, known).map(k -> "; did you mean " + k + "?").orElse("");
        problems.add(prefix + displayKey(key) + ": unknown key" + suggestion);
      }
    }
    return readFields(entries, prefix, type, defaults, omitted, problems, deprecations);
  }

  /**
   * The record {@code type} from its table's {@code entries}; an {@link Inline} component reads
   * its own keys from the same entries. An {@code omitted} key keeps its default.
   */
  private static <R extends Record> R readFields(
      Map<String, Object> entries,
      String prefix,
      Class<R> type,
      R defaults,
      Set<String> omitted,
      List<String> problems,
      List<String> deprecations) {
    int problemsBefore = problems.size();
    List<ConfigField> fields = ConfigField.of(type);
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      ConfigField field = fields.get(i);
      Object fallback = field.valueIn(defaults);
      if (field.inline()) {
        values[i] =
            readInline(entries, prefix, field, (Record) fallback, omitted, problems, deprecations);
        continue;
      }
      String key = writtenKey(entries, prefix, field, omitted, problems, deprecations);
      values[i] =
          key == null
              ? fallback
              : read(entries.get(key), key, field, prefix, fallback, omitted, problems, deprecations);
    }
    if (problems.size() > problemsBefore) {
      return defaults; // never used: the caller throws once everything has been checked
    }
    try {
      return ConfigField.construct(type, values);
    } catch (IllegalArgumentException e) {
      // A record's compact constructor rejects a combination of values.
      // A message of several lines (ConfigChecks) is several problems.
      String where = prefix.isEmpty() ? "config" : prefix.substring(0, prefix.length() - 1);
      for (String problem : String.valueOf(e.getMessage()).split("\n")) {
        problems.add(where + ": " + problem);
      }
      return defaults;
    } catch (Exception e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  /**
   * The key the file has for {@code field}: its own, or its {@link FormerKey} (noting the
   * deprecation); null if neither is set, the key is omitted, or both are set (a problem).
   */
  private static @Nullable String writtenKey(
      Map<String, Object> entries,
      String prefix,
      ConfigField field,
      Set<String> omitted,
      List<String> problems,
      List<String> deprecations) {
    if (omitted.contains(field.key())) {
      return null;
    }
    String former = field.formerKey();
    boolean current = entries.containsKey(field.key());
    if (former == null || !entries.containsKey(former)) {
      return current ? field.key() : null;
    }
    if (current) {
      problems.add(
          prefix + former + " and " + prefix + field.key() + ": both set; " + former
              + " is the former name of " + field.key() + ", keep only " + field.key());
      return null;
    }
    deprecations.add(
        prefix + former + " is deprecated: it was renamed to " + prefix + field.key()
            + "; the value is used, but rename the key in the file");
    return former;
  }

  /**
   * The value for {@code field}, written under {@code key} (its own or its former), or {@code
   * fallback} after recording why {@code raw} is wrong.
   */
  private static Object read(
      Object raw,
      String key,
      ConfigField field,
      String prefix,
      Object fallback,
      Set<String> omitted,
      List<String> problems,
      List<String> deprecations) {
    String path = prefix + key;
    String problem =
        switch (field.kind()) {
          case BOOLEAN -> raw instanceof Boolean ? null : typeProblem(field, raw);
          case INT, LONG -> integerProblem(field, raw);
          case DOUBLE -> doubleProblem(field, raw);
          case STRING -> stringProblem(field, raw);
          case ENUM -> enumValue(field, raw) == null ? enumProblem(field, raw) : null;
          case STRING_LIST -> stringListProblem(raw);
          case RECORD -> raw instanceof UnmodifiableConfig ? null : typeProblem(field, raw);
        };
    if (problem != null) {
      problems.add(path + ": " + problem);
      return fallback;
    }
    return switch (field.kind()) {
      case INT -> ((Number) raw).intValue();
      case LONG -> ((Number) raw).longValue();
      case DOUBLE -> ((Number) raw).doubleValue();
      case ENUM -> enumValue(field, raw);
      case STRING_LIST -> List.copyOf((List<?>) raw);
      case RECORD ->
          readNested(
              (UnmodifiableConfig) raw,
              path,
              field,
              (Record) fallback,
              omitted,
              problems,
              deprecations);
      default -> raw;
    };
  }

  private static <R extends Record> R readInline(
      Map<String, Object> entries,
      String prefix,
      ConfigField field,
      R defaults,
      Set<String> omitted,
      List<String> problems,
      List<String> deprecations) {
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) field.type();
    return readFields(
        entries, prefix, type, defaults, field.omitting(omitted), problems, deprecations);
  }

  private static <R extends Record> R readNested(
      UnmodifiableConfig table,
      String path,
      ConfigField field,
      R defaults,
      Set<String> omitted,
      List<String> problems,
      List<String> deprecations) {
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) field.type();
    return readRecord(
        table, path + ".", type, defaults, field.omittedBelow(omitted), problems, deprecations);
  }

  private static String integerProblem(ConfigField field, Object raw) {
    if (!(raw instanceof Integer || raw instanceof Long)) {
      return typeProblem(field, raw);
    }
    long value = ((Number) raw).longValue();
    Range range = field.range();
    long min = range != null ? range.min() : Long.MIN_VALUE;
    long max = range != null ? range.max() : Long.MAX_VALUE;
    if (field.kind() == ValueKind.INT) {
      min = Math.max(min, Integer.MIN_VALUE);
      max = Math.min(max, Integer.MAX_VALUE);
    }
    return value < min || value > max ? rangeProblem(min, max, raw) : null;
  }

  private static String doubleProblem(ConfigField field, Object raw) {
    if (!(raw instanceof Number number) || Double.isNaN(number.doubleValue())) {
      return typeProblem(field, raw);
    }
    double value = number.doubleValue();
    Range range = field.range();
    return range != null && (value < range.min() || value > range.max())
        ? rangeProblem(range.min(), range.max(), raw)
        : null;
  }

  private static String rangeProblem(long min, long max, Object found) {
    return "must be between " + min + " and " + max + ", found " + found;
  }

  private static String stringProblem(ConfigField field, Object raw) {
    if (!(raw instanceof String text)) {
      return typeProblem(field, raw);
    }
    if (field.socketAddress() != null) {
      try {
        HostPort.parse(text).requireFamily(field.socketAddress(), field.key());
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  private static Enum<?> enumValue(ConfigField field, Object raw) {
    if (raw instanceof String text) {
      for (Object constant : field.type().getEnumConstants()) {
        if (ConfigField.enumText((Enum<?>) constant).equals(text)) {
          return (Enum<?>) constant;
        }
      }
    }
    return null;
  }

  private static String enumProblem(ConfigField field, Object raw) {
    String allowed =
        Arrays.stream(field.type().getEnumConstants())
            .map(constant -> ConfigField.enumText((Enum<?>) constant))
            .collect(Collectors.joining(", "));
    return "expected one of " + allowed + "; found " + describe(raw);
  }

  private static String stringListProblem(Object raw) {
    if (!(raw instanceof List<?> list)) {
      return "expected " + ValueKind.STRING_LIST.expected() + ", found " + describe(raw);
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String)) {
        return "expected "
            + ValueKind.STRING_LIST.expected()
            + ", found "
            + describe(list.get(i))
            + " at index "
            + i;
      }
    }
    return null;
  }

  private static String typeProblem(ConfigField field, Object raw) {
    return "expected " + field.kind().expected() + ", found " + describe(raw);
  }

  /** How an error message shows a value the user wrote, e.g. {@code string "x"}. */
  static String describe(Object value) {
    return switch (value) {
      case String s -> "string " + quote(s);
      case Boolean b -> "boolean " + b;
      case Integer i -> "integer " + i;
      case Long l -> "integer " + l;
      case Double d -> "float " + d.toString().toLowerCase(Locale.ROOT);
      case UnmodifiableConfig c -> "a table";
      case List<?> l -> "an array";
      case Temporal t -> "date-time " + t;
      case null -> "nothing";
      default -> value.getClass().getSimpleName();
    };
  }

  private static String quote(String s) {
    String shown = s.length() > MAX_SHOWN_STRING ? s.substring(0, MAX_SHOWN_STRING) + "..." : s;
    return '"' + escape(shown, true) + '"';
  }

  /** {@code s} with control characters (and, if asked, quotes and backslashes) escaped. */
  private static String escape(String s, boolean quotes) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append(quotes ? "\\\"" : "\"");
        case '\\' -> out.append(quotes ? "\\\\" : "\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String displayKey(String key) {
    return BARE_KEY.matcher(key).matches() ? key : quote(key);
  }
}
