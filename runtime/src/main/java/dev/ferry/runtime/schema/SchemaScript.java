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
 * A DDL script shipped as a resource, {@code dev/ferry/schema/<dialect>/<component>.sql}, with
 * {@code ${table}} and {@code ${table_name}} placeholders (Flyway's syntax, so the same files can be
 * copied into a migration). Statements end with {@code ;} at the end of a line.
 */
public final class SchemaScript {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private final String resource;
    private final String text;

    private SchemaScript(String resource, String text) {
        this.resource = resource;
        this.text = text;
    }

    /**
     * @param dialect the database's dialect
     * @param component the script's name, e.g. {@code outbox}
     * @return the script
     * @throws IllegalStateException if there is no such script for the dialect
     */
    public static SchemaScript load(SqlDialect dialect, String component) {
        String resource = "dev/ferry/schema/" + dialect.name() + "/" + component + ".sql";
        try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No schema script " + resource);
            }
            return new SchemaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** @return the resource path of the script */
    public String resource() {
        return resource;
    }

    /**
     * @param table the table the script creates; fills {@code ${table}} and {@code ${table_name}}
     * @return the statements, placeholders filled, comments and blank lines removed
     */
    public List<String> statements(TableName table) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.stripLeading().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        Matcher m = PLACEHOLDER.matcher(sb);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "table" -> table.qualified();
                case "table_name" -> table.table();
                default -> throw new IllegalStateException("Unknown placeholder ${" + m.group(1) + "} in " + resource);
            };
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        List<String> statements = new ArrayList<>();
        for (String s : filled.toString().split(";\\s*\n")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return statements;
    }
}
