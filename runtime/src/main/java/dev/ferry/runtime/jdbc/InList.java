package dev.ferry.runtime.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/** Placeholders and bindings for {@code IN (?, ?, …)} over numeric keys. */
public final class InList {

    private InList() {
    }

    /**
     * @param size how many values
     * @return {@code (?,?,…)} with that many placeholders
     */
    public static String placeholders(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("An IN list needs at least one value");
        }
        StringBuilder sb = new StringBuilder(size * 2 + 1).append('(');
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "?" : ",?");
        }
        return sb.append(')').toString();
    }

    /**
     * @param ps the statement
     * @param firstIndex the index of the first placeholder
     * @param values the values
     * @return the index after the last bound placeholder
     * @throws SQLException from the driver
     */
    public static int bind(PreparedStatement ps, int firstIndex, Collection<Long> values) throws SQLException {
        int i = firstIndex;
        for (Long v : values) {
            ps.setLong(i++, v);
        }
        return i;
    }
}
