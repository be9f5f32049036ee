package org.aquaticjava.core.config;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.io.NewlineStyle;
import com.electronwill.nightconfig.toml.TomlFormat;
import com.electronwill.nightconfig.toml.TomlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Prints a config record tree as commented TOML: top-level keys first, then one table per nested
 * record, each key preceded by its {@link Doc} text as {@code #} lines wrapped at 100 columns. The
 * output loads back with {@link ConfigLoader} to an equal record. Stateless and thread-safe.
 */
public final class ConfigPrinter {
  /** Comment lines are wrapped so that "# " plus the text fits in this many columns. */
  static final int WIDTH = 100;

  private ConfigPrinter() {}

  /** The full config with every key, as {@code -p} prints the defaults. */
  public static String print(Record config) {
    CommentedConfig root = CommentedConfig.of(LinkedHashMap::new, TomlFormat.instance());
    fill(root, config, Set.of());
    TomlWriter writer = new TomlWriter();
    writer.setIndent("");
    writer.setNewline(NewlineStyle.UNIX);
    String doc = ConfigField.docOf(config.getClass());
    String header = doc.isEmpty() ? "" : commentBlock(doc) + "\n";
    return header + writer.writeToString(root);
  }

  /** A loaded config in the same format, under a header saying so; {@code -P} prints this. */
  public static String printEffective(Record config) {
    return "# Effective configuration: the loaded file, with defaults for keys it leaves out.\n\n"
        + print(config);
  }

  /** Writes {@code record}'s keys into {@code table}, but not the {@code omitted} ones. */
  private static void fill(CommentedConfig table, Record record, Set<String> omitted) {
    for (ConfigField field : ConfigField.of(record.getClass())) {
      if (field.inline()) {
        fill(table, (Record) field.valueIn(record), field.omitting(omitted));
        continue;
      }
      if (omitted.contains(field.key())) {
        continue;
      }
      List<String> key = List.of(field.key());
      Object value = field.valueIn(record);
      String doc = field.doc();
      if (field.kind() == ValueKind.RECORD) {
        CommentedConfig child = table.createSubConfig();
        fill(child, (Record) value, field.omittedBelow(omitted));
        table.set(key, child);
        // A table's comment is its type's doc; a component doc, if any, says more.
        String typeDoc = ConfigField.docOf(field.type());
        doc = typeDoc.isEmpty() ? doc : doc.isEmpty() ? typeDoc : typeDoc + " " + doc;
      } else {
        table.set(key, tomlValue(field, value));
      }
      if (!doc.isEmpty()) {
        table.setComment(key, commentText(doc));
      }
    }
  }

  private static Object tomlValue(ConfigField field, Object value) {
    return field.kind() == ValueKind.ENUM ? ConfigField.enumText((Enum<?>) value) : value;
  }

  /** Complete "# " lines ending in a newline, for text printed outside night-config. */
  private static String commentBlock(String doc) {
    StringBuilder out = new StringBuilder();
    for (String line : wrap(doc)) {
      out.append('#').append(line).append('\n');
    }
    return out.toString();
  }

  /** The comment as night-config wants it: lines it prefixes with "#", so each starts " ". */
  private static String commentText(String doc) {
    return String.join("\n", wrap(doc));
  }

  /** Word-wraps {@code doc}, keeping its own line breaks; each line starts with a space. */
  static List<String> wrap(String doc) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : doc.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.trim().split(" +")) {
        if (!line.isEmpty() && line.length() + 1 + word.length() > WIDTH - 1) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.append(' ').append(word);
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
