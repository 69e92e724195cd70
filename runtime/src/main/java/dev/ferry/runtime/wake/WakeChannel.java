package dev.ferry.runtime.wake;

import dev.ferry.runtime.sql.SqlIdentifier;
import dev.ferry.runtime.sql.TableName;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The name of the notification channel of one table: {@code ferry_} followed by the schema and the
 * table, lower-cased (an unquoted {@code LISTEN} name is folded to lower case, {@code pg_notify}'s
 * is taken as it is, so both sides use the folded name). A name longer than PostgreSQL's 63
 * characters keeps its first 48 and ends with a hash of the whole. Two tables that end up with
 * the same name only wake each other's relays now and then, which costs a claim that finds nothing.
 *
 * @param name a valid, unquoted SQL identifier of at most 63 characters
 */
public record WakeChannel(String name) {

    private static final String PREFIX = "ferry_";
    private static final int KEPT = 48;

    /**
     * @param name the channel's name
     * @throws IllegalArgumentException if it is not a plain SQL identifier of at most 63 characters
     */
    public WakeChannel {
        SqlIdentifier.require("notification channel", name);
    }

    /**
     * @param table a validated table
     * @return its channel
     */
    public static WakeChannel of(TableName table) {
        String whole = (PREFIX + (table.schema() == null ? "" : table.schema() + "_") + table.table())
                .toLowerCase(Locale.ROOT);
        if (whole.length() <= SqlIdentifier.MAX_LENGTH) {
            return new WakeChannel(whole);
        }
        CRC32 crc = new CRC32();
        crc.update(whole.getBytes(StandardCharsets.US_ASCII));
        return new WakeChannel(whole.substring(0, KEPT) + "_" + String.format(Locale.ROOT, "%08x", crc.getValue()));
    }
}
