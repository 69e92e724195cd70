package dev.ferry.runtime.sql;

/**
 * A validated table name with an optional schema.
 *
 * @param schema the schema (on MariaDB/MySQL: the database), or null for the connection's default
 * @param table the table
 */
public record TableName(String schema, String table) {

    /**
     * Validates both parts; see {@link SqlIdentifier}.
     *
     * @param schema the schema, or null for the connection's default
     * @param table the table
     */
    public TableName {
        if (schema != null) {
            SqlIdentifier.require("schema", schema);
        }
        SqlIdentifier.require("table", table);
    }

    /** @return {@code schema.table}, or {@code table} without a schema */
    public String qualified() {
        return schema == null ? table : schema + "." + table;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
