package dev.ferry.runtime.sql;

import java.util.List;
import java.util.StringJoiner;

/** Pieces of the single-row inserts the dialects build; every column name is checked first. */
final class InsertSql {

    private InsertSql() {
    }

    static String plain(TableName table, List<String> columns, List<String> keyColumns) {
        check(columns, keyColumns);
        return "INSERT INTO " + table + " (" + columns(columns) + ") VALUES (" + parameters(columns) + ")";
    }

    static String columns(List<String> columns) {
        return String.join(", ", columns);
    }

    static String parameters(List<String> columns) {
        StringJoiner j = new StringJoiner(", ");
        columns.forEach(c -> j.add("?"));
        return j.toString();
    }

    static String sourceValues(List<String> columns) {
        StringJoiner j = new StringJoiner(", ");
        columns.forEach(c -> j.add("s." + c));
        return j.toString();
    }

    static String match(List<String> keyColumns) {
        StringJoiner j = new StringJoiner(" AND ");
        keyColumns.forEach(c -> j.add("t." + c + " = s." + c));
        return j.toString();
    }

    static void check(List<String> columns, List<String> keyColumns) {
        if (columns.isEmpty() || keyColumns.isEmpty()) {
            throw new IllegalArgumentException("An insert needs columns and key columns, got " + columns + " and "
                    + keyColumns);
        }
        columns.forEach(c -> SqlIdentifier.require("column", c));
        if (!columns.containsAll(keyColumns)) {
            throw new IllegalArgumentException(
                    "Key columns " + keyColumns + " are not all among the columns " + columns);
        }
    }
}
