package dev.ferry.runtime.schema;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a migration statement that adds one column to a table ({@code ALTER TABLE t ADD [COLUMN] c …},
 * Oracle's {@code ADD (c …)}), so that {@link SchemaInstaller} can add it to a table created before that
 * migration. A statement that adds several things at once is not recognised.
 */
final class AddedColumn {

    private static final Pattern ADD_ONE_COLUMN = Pattern.compile(
            "(?is)^ALTER\\s+TABLE\\s+\\S+\\s+ADD\\s+(?:COLUMN\\s+)?\\(?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+.*");
    private static final Pattern ADD = Pattern.compile("(?i)\\bADD\\b");

    private AddedColumn() {
    }

    /**
     * @param statement a migration statement, placeholders filled
     * @return the column it adds, if it adds exactly one column and nothing else
     */
    static Optional<String> of(String statement) {
        Matcher m = ADD_ONE_COLUMN.matcher(statement.strip());
        if (!m.matches() || ADD.matcher(statement).results().count() != 1) {
            return Optional.empty();
        }
        String column = m.group(1);
        if (column.equalsIgnoreCase("CONSTRAINT") || column.equalsIgnoreCase("KEY") || column.equalsIgnoreCase("INDEX")
                || column.equalsIgnoreCase("PRIMARY") || column.equalsIgnoreCase("UNIQUE")
                || column.equalsIgnoreCase("FOREIGN")) {
            return Optional.empty();
        }
        return Optional.of(column);
    }
}
