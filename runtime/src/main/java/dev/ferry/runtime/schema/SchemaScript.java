package dev.ferry.runtime.schema;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DDL of one of Ferry's tables, taken from the versioned migrations shipped as resources in
 * Flyway's layout, {@code db/ferry/<dialect>/V1__ferry_tables.sql}, {@code V2__…} to {@code V6__…} (see
 * {@link #MIGRATIONS}): the statements of every migration, in version order, that touch the
 * component's table, that is, that name its placeholder {@code ${<component>_table}}. Statements end
 * with {@code ;} at the end of a line. The placeholders are Flyway's: {@code ${schema_prefix}} (empty,
 * or the schema and a dot) and one {@code ${<component>_table}} per table (the unqualified name).
 *
 * <p>A component that no migration names (a table added on another branch) is read from its own
 * script, {@code dev/ferry/schema/<dialect>/<component>.sql}, with {@code ${table}} (qualified) and
 * {@code ${table_name}} (unqualified) placeholders.
 */
public final class SchemaScript {

    /** The migrations, in version order, under {@code db/ferry/<dialect>/}. */
    public static final List<String> MIGRATIONS = List.of("V1__ferry_tables.sql", "V2__saga_operations.sql",
            "V3__saga_trace.sql", "V4__outbox_audit.sql", "V5__saga_step_data.sql", "V6__saga_settled.sql");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private final String resource;
    private final String component;
    private final List<String> texts;

    private SchemaScript(String resource, String component, List<String> texts) {
        this.resource = resource;
        this.component = component;
        this.texts = texts;
    }

    /**
     * @param dialect the database's dialect
     * @param component the table's component, e.g. {@code outbox}, {@code saga_instance}
     * @return the script
     * @throws IllegalStateException if there is no DDL for the component and the dialect
     */
    public static SchemaScript load(SqlDialect dialect, String component) {
        String location = "db/ferry/" + dialect.name() + "/";
        String placeholder = "${" + component + "_table}";
        List<String> texts = new ArrayList<>();
        for (String migration : MIGRATIONS) {
            String text = read(location + migration);
            if (text == null) {
                throw new IllegalStateException("No migration " + location + migration);
            }
            texts.add(text);
        }
        if (texts.stream().anyMatch(t -> t.contains(placeholder))) {
            return new SchemaScript(location + MIGRATIONS, component, texts);
        }
        String legacy = "dev/ferry/schema/" + dialect.name() + "/" + component + ".sql";
        String text = read(legacy);
        if (text == null) {
            throw new IllegalStateException("No schema script " + legacy + " and no " + placeholder + " in the"
                    + " migrations " + location + MIGRATIONS);
        }
        return new SchemaScript(legacy, null, List.of(text));
    }

    private static String read(String resource) {
        try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** @return the resources the statements come from */
    public String resource() {
        return resource;
    }

    /**
     * @param table the table the statements create and change
     * @return the statements, placeholders filled, comments and blank lines removed
     * @throws IllegalStateException if a statement holds a placeholder of another table or an unknown one
     */
    public List<String> statements(TableName table) {
        List<String> statements = new ArrayList<>();
        for (String text : texts) {
            for (String s : split(text)) {
                if (component == null) {
                    statements.add(fill(s, table, "table", "table_name", null));
                } else if (s.contains("${" + component + "_table}")) {
                    statements.add(fill(s, table, null, component + "_table", "schema_prefix"));
                }
            }
        }
        return statements;
    }

    private static List<String> split(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.stripLeading().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String s : sb.toString().split(";\\s*\n")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return statements;
    }

    /**
     * @param qualified the placeholder of the qualified name, or null
     * @param name the placeholder of the unqualified name
     * @param prefix the placeholder of the schema prefix, or null
     */
    private String fill(String statement, TableName table, String qualified, String name, String prefix) {
        Matcher m = PLACEHOLDER.matcher(statement);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (key.equals(qualified)) {
                value = table.qualified();
            } else if (key.equals(name)) {
                value = table.table();
            } else if (key.equals(prefix)) {
                value = table.schema() == null ? "" : table.schema() + ".";
            } else {
                throw new IllegalStateException("Placeholder ${" + key + "} in " + resource + " does not name the"
                        + " table of the statement: " + statement);
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString();
    }
}
