package dev.ferry.runtime.sql;

import java.util.regex.Pattern;

/**
 * Checks names that are put into SQL text (schemas, tables). Values never are: they are bound
 * parameters. A name must be a plain, unquoted SQL identifier so that it means the same on every
 * supported database and cannot change the statement it is put into.
 */
public final class SqlIdentifier {

    /** Longest identifier accepted (Oracle's and PostgreSQL's limits are lower than others'). */
    public static final int MAX_LENGTH = 63;

    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SqlIdentifier() {
    }

    /**
     * @param what what the name is for, used in the error message (e.g. "outbox table")
     * @param name the name to check
     * @return the name, unchanged
     * @throws IllegalArgumentException naming {@code what} and the problem, if it is not valid
     */
    public static String require(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' is longer than "
                    + MAX_LENGTH + " characters");
        }
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' is not a valid SQL"
                    + " identifier: use letters, digits and '_', starting with a letter or '_'");
        }
        return name;
    }
}
